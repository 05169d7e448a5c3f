import FluentKit
import SQLKit

/// The audit trail. Append-only, and the database itself refuses to change or delete a record
/// (a trigger on SQLite and on PostgreSQL), so not even a bug in Tertial can rewrite history.
struct M008_CreateAuditRecords: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_records")
            .field("id", .uuid, .identifier(auto: false))
            .field("sequence", .int64, .required)
            .field("at", .datetime, .required)
            .field("actor", .string, .required)
            .field("account_id", .uuid)
            .field("action", .string, .required)
            .field("entity_type", .string, .required)
            .field("entity_id", .string, .required)
            .field("field", .string)
            .field("old_value", .string)
            .field("new_value", .string)
            .field("address", .string)
            .field("plan_id", .string)
            .unique(on: "sequence")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        if sql.dialect.name == "sqlite" {
            for operation in ["UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER audit_records_no_\(unsafeRaw: operation.lowercased()) BEFORE \(unsafeRaw: operation) ON audit_records
                    BEGIN SELECT RAISE(ABORT, 'audit records are append-only'); END
                    """).run()
            }
        } else {
            try await sql.raw("""
                CREATE FUNCTION audit_records_append_only() RETURNS trigger AS $$
                BEGIN RAISE EXCEPTION 'audit records are append-only'; END; $$ LANGUAGE plpgsql
                """).run()
            try await sql.raw("""
                CREATE TRIGGER audit_records_append_only BEFORE UPDATE OR DELETE ON audit_records
                FOR EACH ROW EXECUTE FUNCTION audit_records_append_only()
                """).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_records").delete()
    }
}
