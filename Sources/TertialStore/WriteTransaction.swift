import FluentKit
import SQLKit

extension Database {
    /// A transaction that writes. On SQLite its first statement takes the write lock (the busy
    /// handler then waits for another writer instead of failing): a transaction that read first
    /// and then wrote could not wait, and SQLite would answer "database is locked" at once.
    /// On PostgreSQL it is an ordinary transaction; rows that must not change underneath are
    /// locked where they are read (`ValueHistory`, `Assessments`).
    /// Every write transaction of Tertial goes through here.
    public func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        try await transaction { db in
            if let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" {
                try await sql.raw("UPDATE write_lock SET n = n WHERE id = 1").run()
            }
            return try await body(db)
        }
    }

    var isSQLite: Bool { (self as? any SQLDatabase)?.dialect.name == "sqlite" }
}

extension DatabaseConfig {
    /// Settings of the database file itself, before migrations: SQLite keeps a write-ahead log, so
    /// readers never wait for a writer and a writer never waits for readers. (The busy handler
    /// of SQLiteNIO waits for another writer; `writeTransaction` makes sure it can.)
    public static func prepare(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
