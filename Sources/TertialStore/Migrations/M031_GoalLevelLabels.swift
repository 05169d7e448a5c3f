import FluentKit

/// A municipality's own names for goal levels ("Verksamhetsmål" for its council's goals; issue 22).
struct M031_GoalLevelLabels: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("municipalities").field("goal_level_labels", .dictionary(of: .string)).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("municipalities").deleteField("goal_level_labels").update()
    }
}
