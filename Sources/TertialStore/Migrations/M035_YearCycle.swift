import FluentKit

/// The year's process (issue 23, points 1, 2, 4): events an administrator adds to the årshjul, each
/// period's reporting deadlines per unit, the units' reports for a period, the reminders sent, and a
/// person's e-mail address, reminder choice and calendar feed.
struct M035_YearCycle: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds one at a time.
        try await database.schema("accounts").field("email", .string).update()
        try await database.schema("accounts").field("reminders_off", .bool).update()
        try await database.schema("accounts").field("calendar_token_hash", .string).update()
        try await database.schema("cycle_events")
            .field("id", .uuid, .identifier(auto: false))
            .field("municipality_id", .string, .required)
            .field("day", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("unit_id", .string)
            .field("created_by", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("reporting_deadlines")
            .field("id", .uuid, .identifier(auto: false))
            .field("municipality_id", .string, .required)
            .field("period", .string, .required)
            .field("unit_id", .string, .required)
            .field("day", .string, .required)
            .unique(on: "municipality_id", "period", "unit_id")
            .create()
        try await database.schema("reporting_tasks")
            .field("id", .uuid, .identifier(auto: false))
            .field("municipality_id", .string, .required)
            .field("period", .string, .required)
            .field("unit_id", .string, .required)
            .field("responsible_account_id", .uuid)
            .field("state", .string, .required)
            .field("comment", .string)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "municipality_id", "period", "unit_id")
            .create()
        // One row per person and day: inserted before the mail is sent, so two servers (or a restarted
        // one) cannot both send it.
        try await database.schema("reminder_digests")
            .field("id", .uuid, .identifier(auto: false))
            .field("account_id", .uuid, .required)
            .field("day", .string, .required)
            .field("status", .string, .required)
            .field("subject", .string, .required)
            .field("body", .string, .required)
            .field("attempts", .int, .required)
            .field("claimed_at", .datetime, .required)
            .field("sent_at", .datetime)
            .field("error", .string)
            .unique(on: "account_id", "day")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("reminder_digests").delete()
        try await database.schema("reporting_tasks").delete()
        try await database.schema("reporting_deadlines").delete()
        try await database.schema("cycle_events").delete()
        for field in ["email", "reminders_off", "calendar_token_hash"] { try await database.schema("accounts").deleteField(.key(.string(field))).update() }
    }
}
