import FluentKit

/// A plan's own column headings over its goal tables ("Riktning {year}"; issue 22).
struct M032_PlanColumnHeadings: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plans").field("column_headings", .dictionary(of: .string)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("plans").deleteField("column_headings").update()
    }
}
