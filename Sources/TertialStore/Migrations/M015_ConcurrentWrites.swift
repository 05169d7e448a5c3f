import FluentKit
import SQLKit

/// What concurrent writers need from the database itself:
/// - `plans.revision`, and `write_lock.n` for changes outside any plan: what cached pages are keyed by;
/// - `write_lock`: one row that every write transaction on SQLite updates first, so the transaction
///   holds SQLite's write lock from its first statement (a transaction that reads first and then
///   writes cannot wait for the lock: SQLite answers "database is locked" at once to avoid deadlock);
/// - a sequence for the audit trail on PostgreSQL (numbers handed out by the database, never
///   `max + 1`, which two transactions can both read);
/// - one current value per indicator or tracking measure, period, gender and kind, so two people
///   entering the first value of a cell at once cannot both succeed;
/// - frozen plan versions that the database refuses to change or delete;
/// - `sign_in_attempts`: a sign-in is counted before its password is checked, so forty attempts at
///   once cannot all reach bcrypt (a successful one is taken off again).
struct M015_ConcurrentWrites: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_attempts")
            .field("id", .uuid, .identifier(auto: false))
            .field("username", .string, .required)
            .field("address", .string)
            .field("at", .datetime, .required)
            .create()
        try await database.schema("write_lock")
            .field("id", .int, .identifier(auto: false))
            .field("n", .int64, .required)
            .create()
        try await database.schema("plans").field("revision", .int64, .sql(.default(0))).update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("UPDATE plans SET revision = 0").run()
        try await sql.raw("INSERT INTO write_lock (id, n) VALUES (1, 0)").run()
        try await sql.raw("CREATE UNIQUE INDEX measure_values_indicator_cell ON measure_values (indicator_id, period, gender, kind)").run()
        try await sql.raw("CREATE UNIQUE INDEX measure_values_measure_cell ON measure_values (tracking_measure_id, period, gender, kind)").run()
        if sql.dialect.name == "sqlite" {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER plan_versions_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON plan_versions
                    BEGIN SELECT RAISE(ABORT, 'plan versions are frozen'); END
                    """).run()
            }
        } else {
            try await sql.raw("CREATE SEQUENCE audit_records_sequence OWNED BY audit_records.sequence").run()
            try await sql.raw("SELECT setval('audit_records_sequence', COALESCE((SELECT MAX(sequence) FROM audit_records), 0) + 1, false)").run()
            try await sql.raw("""
                CREATE FUNCTION plan_versions_frozen() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'plan versions are frozen'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER plan_versions_frozen BEFORE UPDATE OR DELETE ON plan_versions
                FOR EACH ROW EXECUTE FUNCTION plan_versions_frozen()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER plan_versions_no_update").run()
            try await sql.raw("DROP TRIGGER plan_versions_no_delete").run()
        } else {
            try await sql.raw("DROP TRIGGER plan_versions_frozen ON plan_versions").run()
            try await sql.raw("DROP FUNCTION plan_versions_frozen()").run()
            try await sql.raw("DROP SEQUENCE audit_records_sequence").run()
        }
        try await sql.raw("DROP INDEX measure_values_indicator_cell").run()
        try await sql.raw("DROP INDEX measure_values_measure_cell").run()
        try await database.schema("write_lock").delete()
        try await database.schema("sign_in_attempts").delete()
    }
}
