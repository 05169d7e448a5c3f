import FluentKit

/// A plan's internal control (issue 12): the risk analysis, control plan and results as one
/// interchange document per plan, like its activity plan: read whole, printed whole, and changed
/// through audited writes (a result per occasion, a scale change with the risks' history).
struct M019_CreateInternalControls: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_internal_controls")
            .field("plan_id", .string, .identifier(auto: false), .references("plans", "id", onDelete: .cascade))
            .field("document", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_internal_controls").delete()
    }
}
