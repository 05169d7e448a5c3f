import FluentKit

/// Beslutsunderlag: the documents a plan's decision was based on.
struct M010_AddDecisionBasis: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plans").field("decision_basis", .array(of: .string)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plans").deleteField("decision_basis").update()
    }
}
