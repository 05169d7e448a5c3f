import FluentKit

struct M001_CreateOrganisation: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("municipalities")
            .field("id", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("unit_kind_labels", .dictionary(of: .string))
            .field("position", .int, .required)
            .create()
        try await database.schema("org_units")
            .field("id", .string, .identifier(auto: false))
            .field("municipality_id", .string, .required, .references("municipalities", "id", onDelete: .cascade))
            .field("parent_id", .string, .references("org_units", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("position", .int, .required)
            .create()
        try await database.schema("goal_areas")
            .field("id", .string, .identifier(auto: false))
            .field("municipality_id", .string, .required, .references("municipalities", "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("label", .string)
            .field("description", .string)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("goal_areas").delete()
        try await database.schema("org_units").delete()
        try await database.schema("municipalities").delete()
    }
}
