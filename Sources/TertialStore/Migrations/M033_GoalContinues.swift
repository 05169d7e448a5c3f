import FluentKit

/// Which goal of an earlier plan a goal continues (next year's plan records it; issue 23).
struct M033_GoalContinues: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("goals").field("continues", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("goals").deleteField("continues").update()
    }
}
