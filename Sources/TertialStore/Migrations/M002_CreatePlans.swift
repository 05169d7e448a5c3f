import FluentKit

struct M002_CreatePlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plans")
            .field("id", .string, .identifier(auto: false))
            .field("municipality_id", .string, .required, .references("municipalities", "id", onDelete: .cascade))
            .field("owner_unit_id", .string, .required, .references("org_units", "id", onDelete: .restrict))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("budget_year", .int, .required)
            .field("first_year", .int, .required)
            .field("last_year", .int, .required)
            .field("status", .string, .required)
            .field("is_public", .bool, .required)
            .field("decision_body", .string)
            .field("decision_date", .string)
            .field("decision_paragraph", .string)
            .field("decision_case_number", .string)
            .field("decision_points", .array(of: .string))
            .field("attachments", .array(of: .string), .required)
            .field("position", .int, .required)
            .create()
        try await database.schema("plan_goal_areas")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("goal_area_id", .string, .required, .references("goal_areas", "id", onDelete: .restrict))
            .field("position", .int, .required)
            .unique(on: "plan_id", "goal_area_id")
            .create()
        try await database.schema("basic_missions")
            .field("id", .string, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("text", .string)
            .field("position", .int, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("basic_missions").delete()
        try await database.schema("plan_goal_areas").delete()
        try await database.schema("plans").delete()
    }
}
