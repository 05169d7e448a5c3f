import FluentKit

/// A plan's activities and assignments (issue 11, first step) as one interchange document per plan,
/// like its economy tables: read whole, printed whole, and changed through the plan's own audited writes.
struct M017_CreateActivityPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_activity_plans")
            .field("plan_id", .string, .identifier(auto: false), .references("plans", "id", onDelete: .cascade))
            .field("document", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_activity_plans").delete()
    }
}
