import FluentKit
import SQLKit

/// A first load — an import into a database that held no values when it began, once it has
/// written `threshold` values — builds the value table's indexes once, at the end, as a database's
/// own restore does, instead of keeping them up to date row by row: the remaining values go into
/// `measure_values` with its primary key alone, and the other indexes (and, on PostgreSQL, the
/// foreign keys) are made again from their own definitions before the import commits. It is all
/// one transaction: an import that fails leaves the indexes as they were.
///
/// While it runs, PostgreSQL keeps everyone else from reading values (the table holds none but
/// the import's own); on SQLite readers go on reading the database as it was. An import into a
/// database that already holds values keeps every index live (`bench/RESULTS.md` has both).
struct FirstLoad {
    static let threshold = 10_000

    private let wasEmpty: Bool
    private var written = 0
    private var indexes: [(name: String, definition: String)]?
    private var keys: [(name: String, definition: String)] = []

    static func begin(on db: any Database) async throws -> FirstLoad {
        let sql = db as! any SQLDatabase
        let any = try await sql.raw("SELECT 1 AS one FROM measure_values LIMIT 1").all()
        return FirstLoad(wasEmpty: any.isEmpty)
    }

    /// `count` more values have been written; past the threshold, the indexes go.
    mutating func wrote(_ count: Int, on db: any Database) async throws {
        written += count
        guard wasEmpty, indexes == nil, written >= Self.threshold else { return }
        let sql = db as! any SQLDatabase
        if db.postgres != nil {
            // Indexes of their own (not a constraint's, such as the primary key), and foreign keys.
            indexes = try await sql.raw("""
                SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                WHERE x.indrelid = 'measure_values'::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
                ORDER BY i.relname
                """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self)) }
            keys = try await sql.raw("""
                SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
                WHERE conrelid = 'measure_values'::regclass AND contype = 'f' ORDER BY conname
                """).all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self)) }
            for key in keys { try await sql.raw("ALTER TABLE measure_values DROP CONSTRAINT \(ident: key.name)").run() }
        } else {
            // SQLite's own indexes (a UNIQUE constraint's) have no SQL and stay.
            indexes = try await sql.raw("SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND tbl_name = 'measure_values' AND sql IS NOT NULL ORDER BY name")
                .all().map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self)) }
        }
        for index in indexes ?? [] { try await sql.raw("DROP INDEX \(ident: index.name)").run() }
    }

    /// Makes again what `wrote` took away: each index from its definition, each key checked over
    /// every row (a unique index or key the rows break fails the import).
    func finish(on db: any Database) async throws {
        guard let indexes else { return }
        let sql = db as! any SQLDatabase
        // Each index is one sort of every row: with PostgreSQL's default 64 MB for it, the sort of
        // 1,5 million values goes to disk. For this transaction only, as a restore would be given.
        if db.postgres != nil { try await sql.raw("SET LOCAL maintenance_work_mem = '512MB'").run() }
        for index in indexes { try await sql.raw("\(unsafeRaw: index.definition)").run() }
        for key in keys { try await sql.raw("ALTER TABLE measure_values ADD CONSTRAINT \(ident: key.name) \(unsafeRaw: key.definition)").run() }
    }

    /// Whether the indexes are down now (for tests).
    var isBuildingAtTheEnd: Bool { indexes != nil }
}
