import FluentKit
import SQLKit

/// Values by period and kind, for the status of every goal of a municipality for one period
/// (`MunicipalityEvaluation` reads the forecasts and outcomes of two years, not a plan's values).
/// Covering: the evaluation reads the value from the index, never seeking each row in the table.
struct M023_IndexValuesByPeriod: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX measure_values_period ON measure_values (period, kind, gender, indicator_id, plan_id, value_text)").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX measure_values_period").run()
    }
}
