import FluentKit
import SQLKit

/// Published editions (issue 25): the web edition of an adopted plan or an approved report, frozen
/// when it is published. Rows are only ever added; a newer edition of a series replaces the older one
/// by its number.
struct M038_PublishedEditions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("published_editions")
            .field("id", .uuid, .identifier(auto: false))
            .field("plan_id", .string, .required, .references("plans", "id", onDelete: .cascade))
            .field("municipality_id", .string, .required)
            .field("series", .string, .required)
            .field("number", .int, .required)
            .field("plan_title", .string, .required)
            .field("committee", .string, .required)
            .field("municipality_name", .string, .required)
            .field("published_at", .datetime, .required)
            .field("published_by", .string, .required)
            .field("decision", .string, .required)
            .field("plan_version", .int)
            .field("document", .string, .required)
            .unique(on: "plan_id", "series", "number")
            .create()
        // Never changed once published: an UPDATE is refused by the database itself (and, in SQLite, an
        // INSERT OR REPLACE over an existing edition).
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TRIGGER published_editions_frozen BEFORE UPDATE ON published_editions
                BEGIN SELECT RAISE(ABORT, 'published editions are frozen'); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER published_editions_no_replace BEFORE INSERT ON published_editions
                WHEN EXISTS (SELECT 1 FROM published_editions WHERE id = NEW.id OR (plan_id = NEW.plan_id AND series = NEW.series AND number = NEW.number))
                BEGIN SELECT RAISE(ABORT, 'published editions are frozen'); END
                """).run()
        } else {
            try await sql.raw("""
                CREATE FUNCTION published_editions_frozen() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'published editions are frozen'; END $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER published_editions_frozen BEFORE UPDATE ON published_editions
                FOR EACH ROW EXECUTE FUNCTION published_editions_frozen()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name != "sqlite" {
            try await sql.raw("DROP TRIGGER published_editions_frozen ON published_editions").run()
            try await sql.raw("DROP FUNCTION published_editions_frozen()").run()
        }
        try await database.schema("published_editions").delete()
    }
}
