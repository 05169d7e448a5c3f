import FluentKit

struct M003_CreateGoals: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("goals")
            .field("id", .string, .identifier(auto: false))
            .field("municipality_id", .string, .required, .references("municipalities", "id", onDelete: .cascade))
            .field("owner_unit_id", .string, .required, .references("org_units", "id", onDelete: .restrict))
            .field("level", .string, .required)
            .field("code", .string)
            .field("title", .string, .required)
            .field("description", .string)
            .field("goal_area_id", .string, .references("goal_areas", "id", onDelete: .restrict))
            .field("agenda2030", .array(of: .string), .required)
            .field("child_rights", .array(of: .int), .required)
            .field("qualitative", .bool, .required)
            .create()
        try await database.schema("goal_links")
            .field("id", .uuid, .identifier(auto: false))
            .field("goal_id", .string, .required, .references("goals", "id", onDelete: .cascade))
            .field("parent_goal_id", .string, .required, .references("goals", "id", onDelete: .restrict))
            .field("position", .int, .required)
            .unique(on: "goal_id", "parent_goal_id")
            .create()
        try await database.schema("plan_goals")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("goal_id", .string, .required, .references("goals", "id", onDelete: .restrict))
            .field("position", .int, .required)
            .unique(on: "plan_id", "goal_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_goals").delete()
        try await database.schema("goal_links").delete()
        try await database.schema("goals").delete()
    }
}
