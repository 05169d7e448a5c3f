import FluentKit
import SQLKit

/// Two of M024's indexes repeated a unique constraint's own index on the same columns:
/// `measure_value_versions (value_id, version)` and `targets (indicator_id, year)`. Every imported
/// value paid for the copy (one more B-tree insert per version row) and no read gained from it.
struct M027_DropDuplicateIndexes: AsyncMigration {
    static let indexes = M024_IndexPlanRows.indexes.filter { ["measure_value_versions_value", "targets_indicator"].contains($0.name) }

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }
}
