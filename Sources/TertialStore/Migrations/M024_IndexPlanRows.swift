import FluentKit
import SQLKit

/// Indexes for reading one plan's rows out of a large database. A plan is read by `plan_id` from a
/// dozen tables (`PlanExporter`); without these, each read scanned every value of every plan — a
/// 150-indicator plan took 205 ms to read from the synthetic Storstad's 1,5 million values
/// (`bench/RESULTS.md`).
struct M024_IndexPlanRows: AsyncMigration {
    static let indexes: [(name: String, table: String, columns: String)] = [
        ("measure_values_plan", "measure_values", "plan_id, position"),
        ("measure_value_versions_value", "measure_value_versions", "value_id, version"),
        ("indicators_plan", "indicators", "plan_id, position"),
        ("targets_plan", "targets", "plan_id, year"),
        ("targets_indicator", "targets", "indicator_id, year"),
        ("tracking_measures_plan", "tracking_measures", "plan_id, position"),
        ("plan_goals_plan", "plan_goals", "plan_id, position"),
        ("plan_goals_goal", "plan_goals", "goal_id"),
        ("plan_goal_areas_plan", "plan_goal_areas", "plan_id, position"),
        ("basic_missions_plan", "basic_missions", "plan_id, position"),
        ("goal_links_goal", "goal_links", "goal_id, position"),
        ("goal_links_parent", "goal_links", "parent_goal_id"),
        ("goals_municipality", "goals", "municipality_id"),
        ("org_units_municipality", "org_units", "municipality_id, position"),
        ("plans_municipality", "plans", "municipality_id, position"),
        ("assessments_plan_period", "assessments", "plan_id, period, version"),
        ("audit_records_plan", "audit_records", "plan_id, sequence"),
        ("economy_follow_ups_plan", "economy_follow_ups", "plan_id, budget_id"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes { try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
    }
}
