import FluentKit

/// Assessments of goals per period: the computed status, a person's override with its reason, and
/// the analysis. Append-only: a change adds the next version; the newest version is the assessment.
struct M011_CreateAssessments: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("assessments")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("goal_id", .string, .required, .references("goals", "id", onDelete: .cascade))
            .field("period", .string, .required)
            .field("version", .int, .required)
            .field("computed", .string, .required)
            .field("override", .string)
            .field("reason", .string)
            .field("analysis", .string)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "plan_id", "goal_id", "period", "version")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("assessments").delete()
    }
}
