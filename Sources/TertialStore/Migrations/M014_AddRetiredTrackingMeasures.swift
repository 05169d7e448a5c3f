import FluentKit

/// Retired tracking measures: no longer followed up, kept with their values.
struct M014_AddRetiredTrackingMeasures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("tracking_measures").field("retired", .bool).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("tracking_measures").deleteField("retired").update()
    }
}
