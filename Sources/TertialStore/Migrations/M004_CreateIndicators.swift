import FluentKit

struct M004_CreateIndicators: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("indicators")
            .field("id", .string, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("goal_id", .string, .required, .references("goals", "id", onDelete: .restrict))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("description", .string)
            .field("unit", .string)
            .field("decimals", .int, .required)
            .field("direction", .string, .required)
            .field("source_kind", .string)
            .field("source_reference", .string)
            .field("gender_breakdown", .bool, .required)
            .field("frequency", .string, .required)
            .field("baseline", .string)
            .field("note", .string)
            .create()
        // plan_id is kept on targets so a plan page reads all its targets in one query.
        try await database.schema("targets")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("indicator_id", .string, .required, .references("indicators", "id", onDelete: .cascade))
            .field("year", .int, .required)
            .field("text", .string, .required)
            .unique(on: "indicator_id", "year")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("targets").delete()
        try await database.schema("indicators").delete()
    }
}
