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
            if let sql = db.sqlite {
                try await sql.raw("UPDATE write_lock SET n = n WHERE id = 1").run()
            }
            return try await body(db)
        }
    }

    /// This database as SQL when it is SQLite, or when it is PostgreSQL: for the few statements that differ.
    var sqlite: (any SQLDatabase)? { (self as? any SQLDatabase).flatMap { $0.dialect.name == "sqlite" ? $0 : nil } }
    var postgres: (any SQLDatabase)? { (self as? any SQLDatabase).flatMap { $0.dialect.name == "sqlite" ? nil : $0 } }
}

/// The database refused a row because a unique index already holds its key: another writer got
/// there first (a plain retry is impossible inside a PostgreSQL transaction, which the refusal aborts).
func isUniqueViolation(_ error: any Error) -> Bool {
    "\(String(reflecting: error))".lowercased().contains("unique")
}

extension DatabaseConfig {
    /// Settings of the database file itself, before migrations: SQLite keeps a write-ahead log, so
    /// readers never wait for a writer and a writer never waits for readers. (The busy handler
    /// of SQLiteNIO waits for another writer; `writeTransaction` makes sure it can.)
    public static func prepare(_ db: any Database) async throws {
        guard let sql = db.sqlite else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }
}
