import FluentKit

/// Frozen snapshots of a plan: the interchange document as it was when the plan was adopted
/// (or a version was saved). A snapshot is never changed.
struct M009_CreatePlanVersions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_versions")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("status", .string, .required)
            .field("decision_date", .string)
            .field("created_at", .datetime, .required)
            .field("created_by", .string, .required)
            .field("document", .string, .required)
            .unique(on: "plan_id", "number")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_versions").delete()
    }
}
