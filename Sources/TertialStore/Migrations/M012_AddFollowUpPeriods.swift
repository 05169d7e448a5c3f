import FluentKit

/// Which periods a municipality follows up (months, tertials, delår, helår).
struct M012_AddFollowUpPeriods: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("municipalities").field("follow_up_periods", .array(of: .string)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("municipalities").deleteField("follow_up_periods").update()
    }
}
