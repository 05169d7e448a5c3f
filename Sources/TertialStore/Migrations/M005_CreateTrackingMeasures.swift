import FluentKit

struct M005_CreateTrackingMeasures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tracking_measures")
            .field("id", .string, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("basic_mission_id", .string, .references("basic_missions", "id", onDelete: .restrict))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("group_name", .string)
            .field("unit", .string)
            .field("decimals", .int, .required)
            .field("approved_level", .string)
            .field("note", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tracking_measures").delete()
    }
}
