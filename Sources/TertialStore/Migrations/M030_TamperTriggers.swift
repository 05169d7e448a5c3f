import FluentKit
import SQLKit

/// Closes two ways around M008's and M015's triggers (issue 20, finding 10):
/// - SQLite: `INSERT OR REPLACE` deletes the row it replaces without firing delete triggers (unless
///   recursive triggers are on), so a frozen plan version or an audit record could be swapped. A
///   BEFORE INSERT trigger refuses an insert whose key or number is already taken.
/// - PostgreSQL: `TRUNCATE` fires no row triggers; a statement trigger refuses it on both tables.
/// The database owner can still drop a trigger; the README's *Database roles* says to serve with a
/// role that owns nothing (migrations run as the owner).
struct M030_TamperTriggers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TRIGGER plan_versions_no_replace BEFORE INSERT ON plan_versions
                WHEN EXISTS (SELECT 1 FROM plan_versions WHERE id = NEW.id OR (plan_id = NEW.plan_id AND number = NEW.number))
                BEGIN SELECT RAISE(ABORT, 'plan versions are frozen'); END
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_records_no_replace BEFORE INSERT ON audit_records
                WHEN EXISTS (SELECT 1 FROM audit_records WHERE id = NEW.id OR sequence = NEW.sequence)
                BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END
                """).run()
        } else {
            try await sql.raw("""
                CREATE TRIGGER plan_versions_no_truncate BEFORE TRUNCATE ON plan_versions
                FOR EACH STATEMENT EXECUTE FUNCTION plan_versions_frozen()
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_records_no_truncate BEFORE TRUNCATE ON audit_records
                FOR EACH STATEMENT EXECUTE FUNCTION audit_records_append_only()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TRIGGER plan_versions_no_replace").run()
            try await sql.raw("DROP TRIGGER audit_records_no_replace").run()
        } else {
            try await sql.raw("DROP TRIGGER plan_versions_no_truncate ON plan_versions").run()
            try await sql.raw("DROP TRIGGER audit_records_no_truncate ON audit_records").run()
        }
    }
}
