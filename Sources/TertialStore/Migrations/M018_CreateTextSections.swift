import FluentKit

/// A plan's text sections (issue 11): heading → formatted text, one document per plan.
struct M018_CreateTextSections: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_text_sections")
            .field("plan_id", .string, .identifier(auto: false), .references("plans", "id", onDelete: .cascade))
            .field("document", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plan_text_sections").delete()
    }
}
