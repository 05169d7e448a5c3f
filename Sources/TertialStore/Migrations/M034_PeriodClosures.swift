import FluentKit

/// Closed follow-up periods and the units' parts opened again (issue 23, point 3).
struct M034_PeriodClosures: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("period_closures")
            .field("id", .uuid, .identifier(auto: false))
            .field("municipality_id", .string, .required)
            .field("period", .string, .required)
            .field("closes_at", .datetime, .required)
            .field("closed_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "municipality_id", "period")
            .create()
        try await database.schema("period_reopenings")
            .field("id", .uuid, .identifier(auto: false))
            .field("municipality_id", .string, .required)
            .field("period", .string, .required)
            .field("unit_id", .string, .required)
            .field("reason", .string, .required)
            .field("reopened_by", .string, .required)
            .field("reopened_at", .datetime, .required)
            .field("closed_again_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("period_reopenings").delete()
        try await database.schema("period_closures").delete()
    }
}
