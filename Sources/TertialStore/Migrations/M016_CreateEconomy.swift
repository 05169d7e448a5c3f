import FluentKit

/// A plan's economy (issue 10). The adopted tables — operating budgets, investments, volumes and
/// personnel figures — are one document per plan: they are edited, versioned and printed as tables,
/// never queried line by line, and their typed form lives in TertialCore. The monthly follow-up is
/// operational data entered and imported throughout the year: one append-only row per save (the
/// newest version of a line and month is the follow-up; earlier rows are its history). Frame
/// transfers belong to the municipality: recorded once, shown in both committees' budgets.
struct M016_CreateEconomy: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("plan_economies")
            .field("plan_id", .string, .identifier(auto: false), .references("plans", "id", onDelete: .cascade))
            .field("document", .string, .required)
            .create()
        try await database.schema("economy_follow_ups")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("budget_id", .string, .required)
            .field("line_id", .string, .required)
            .field("year", .int, .required)
            .field("month", .int, .required)
            .field("version", .int, .required)
            .field("outcome_to_date", .string)
            .field("forecast", .string)
            .field("comment", .string)
            .field("source", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .datetime, .required)
            .unique(on: "plan_id", "budget_id", "line_id", "year", "month", "version")
            .create()
        try await database.schema("frame_transfers")
            .field("id", .string, .identifier(auto: false))
            .field("municipality_id", .string, .required, .references("municipalities", "id", onDelete: .cascade))
            .field("from_unit_id", .string, .required, .references("org_units", "id"))
            .field("to_unit_id", .string, .required, .references("org_units", "id"))
            .field("amount", .string, .required)
            .field("unit", .string, .required)
            .field("from_year", .int, .required)
            .field("text", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("frame_transfers").delete()
        try await database.schema("economy_follow_ups").delete()
        try await database.schema("plan_economies").delete()
    }
}
