import FluentKit

/// Values of indicators and tracking measures, and every earlier version of each.
/// `measure_values` holds the current value; `measure_value_versions` is append-only.
struct M006_CreateValues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("measure_values")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("indicator_id", .string, .references("indicators", "id", onDelete: .cascade))
            .field("tracking_measure_id", .string, .references("tracking_measures", "id", onDelete: .cascade))
            .field("period", .string, .required)
            .field("gender", .string, .required)
            .field("kind", .string, .required)
            .field("value_text", .string, .required)
            .field("comment", .string)
            .field("version", .int, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .field("position", .int, .required)
            .create()
        try await database.schema("measure_value_versions")
            .field("id", .uuid, .identifier(auto: false))
            .field("value_id", .uuid, .required, .references("measure_values", "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("value_text", .string, .required)
            .field("comment", .string)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "value_id", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("measure_value_versions").delete()
        try await database.schema("measure_values").delete()
    }
}
