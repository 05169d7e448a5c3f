import FluentKit
import SQLKit

/// The unique cell indexes of M015 only where they apply: an indicator's cells where the value
/// belongs to an indicator, a tracking measure's where it belongs to one. Every value had an entry
/// in both (the other key NULL), which an import of 1,5 million values paid for in full.
struct M026_PartialValueCellIndexes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX measure_values_indicator_cell").run()
        try await sql.raw("DROP INDEX measure_values_measure_cell").run()
        try await sql.raw("CREATE UNIQUE INDEX measure_values_indicator_cell ON measure_values (indicator_id, period, gender, kind) WHERE indicator_id IS NOT NULL").run()
        try await sql.raw("CREATE UNIQUE INDEX measure_values_measure_cell ON measure_values (tracking_measure_id, period, gender, kind) WHERE tracking_measure_id IS NOT NULL").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX measure_values_indicator_cell").run()
        try await sql.raw("DROP INDEX measure_values_measure_cell").run()
        try await sql.raw("CREATE UNIQUE INDEX measure_values_indicator_cell ON measure_values (indicator_id, period, gender, kind)").run()
        try await sql.raw("CREATE UNIQUE INDEX measure_values_measure_cell ON measure_values (tracking_measure_id, period, gender, kind)").run()
    }
}
