import FluentKit
import SQLKit

/// On PostgreSQL, one foreign key per value instead of two, and a stronger one: a value refers to
/// its indicator (or tracking measure) *and its plan* together, `(indicator_id, plan_id)`, so a
/// value can no longer name a plan its indicator does not belong to. The plain `plan_id` key went:
/// deleting a plan still deletes its values, through its indicators and tracking measures. A
/// large import checked three keys per value, row by row, and that was the largest part of
/// PostgreSQL's time (`bench/RESULTS.md`).
///
/// SQLite cannot change a table's keys without rebuilding it and checks them cheaply; it keeps
/// M006's keys.
struct M028_ValueSubjectKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        guard let sql = database.postgres else { return }
        try await sql.raw("CREATE UNIQUE INDEX indicators_id_plan ON indicators (id, plan_id)").run()
        try await sql.raw("CREATE UNIQUE INDEX tracking_measures_id_plan ON tracking_measures (id, plan_id)").run()
        try await sql.raw("""
            ALTER TABLE measure_values
              DROP CONSTRAINT measure_values_plan_id_fkey,
              DROP CONSTRAINT measure_values_indicator_id_fkey,
              DROP CONSTRAINT measure_values_tracking_measure_id_fkey,
              ADD CONSTRAINT measure_values_indicator_plan_fkey FOREIGN KEY (indicator_id, plan_id)
                REFERENCES indicators (id, plan_id) ON DELETE CASCADE,
              ADD CONSTRAINT measure_values_tracking_measure_plan_fkey FOREIGN KEY (tracking_measure_id, plan_id)
                REFERENCES tracking_measures (id, plan_id) ON DELETE CASCADE,
              ADD CONSTRAINT measure_values_one_subject CHECK ((indicator_id IS NULL) <> (tracking_measure_id IS NULL))
            """).run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database.postgres else { return }
        try await sql.raw("""
            ALTER TABLE measure_values
              DROP CONSTRAINT measure_values_one_subject,
              DROP CONSTRAINT measure_values_tracking_measure_plan_fkey,
              DROP CONSTRAINT measure_values_indicator_plan_fkey,
              ADD CONSTRAINT measure_values_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES plans (id) ON DELETE CASCADE,
              ADD CONSTRAINT measure_values_indicator_id_fkey FOREIGN KEY (indicator_id) REFERENCES indicators (id) ON DELETE CASCADE,
              ADD CONSTRAINT measure_values_tracking_measure_id_fkey FOREIGN KEY (tracking_measure_id) REFERENCES tracking_measures (id) ON DELETE CASCADE
            """).run()
        try await sql.raw("DROP INDEX tracking_measures_id_plan").run()
        try await sql.raw("DROP INDEX indicators_id_plan").run()
    }
}
