import FluentKit

/// Retired goals and indicators: no longer followed up, kept with their history.
struct M013_AddRetired: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("goals").field("retired", .bool).update()
        try await database.schema("indicators").field("retired", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("indicators").deleteField("retired").update()
        try await database.schema("goals").deleteField("retired").update()
    }
}
