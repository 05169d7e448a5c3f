import FluentKit
import FluentPostgresDriver
import Foundation
import SQLKit
import TertialCore
import TertialInterchange

/// The status of every goal of a municipality for one follow-up period, across all its plans: each
/// goal's own indicators (their targets for the period's year, as known at the period), rolled up
/// through the goal links (unit goals into committee goals, committee goals into council goals),
/// people's overrides counting where the goal counts — the rules of `PlanEvaluation`, for the whole
/// organisation at once.
///
/// Reads only what the rules use (`TargetStatus.figure`): the totals of the year and the year before,
/// outcomes of whole years and of the period, and forecasts; never the monthly outcomes. Five queries,
/// whatever the number of plans.
public enum MunicipalityEvaluation {
    public struct Result: Sendable {
        /// Goal id → status.
        public var statuses: [String: Attainment]
        public var indicatorsEvaluated: Int
        public var valuesRead: Int
        public func count(_ attainment: Attainment) -> Int { statuses.values.filter { $0 == attainment }.count }
    }

    public static func goalStatuses(municipalityID: String, period: Period, policy: EvaluationPolicy = .standard,
                                    on db: any Database) async throws -> Result {
        let sql = db as! any SQLDatabase
        let year = period.year
        struct GoalRow: Decodable { let id: String; let retired: Bool? }
        struct LinkRow: Decodable { let goal_id: String; let parent_goal_id: String }
        struct IndicatorRow: Decodable { let id: String; let goal_id: String; let direction: String; let text: String; let retired: Bool? }
        struct OverrideRow: Decodable { let goal_id: String; let override: String?; let version: Int }

        let goals = try await sql.raw("SELECT id, retired FROM goals WHERE municipality_id = \(bind: municipalityID)").all(decoding: GoalRow.self)
        let links = try await sql.raw("""
            SELECT l.goal_id, l.parent_goal_id FROM goal_links l JOIN goals g ON g.id = l.goal_id
            WHERE g.municipality_id = \(bind: municipalityID) ORDER BY l.position
            """).all(decoding: LinkRow.self)
        let indicators = try await sql.raw("""
            SELECT i.id, i.goal_id, i.direction, t.text, i.retired FROM indicators i
            JOIN plans p ON p.id = i.plan_id JOIN targets t ON t.indicator_id = i.id AND t.year = \(bind: year)
            WHERE p.municipality_id = \(bind: municipalityID)
            """).all(decoding: IndicatorRow.self)
        // Forecasts of the two years (any period), outcomes of the whole years and of the period.
        let forecastPeriods = [year - 1, year].flatMap { y in Self.periods(of: y) }.map(\.description)
        let outcomePeriods = Array(Set([String(year - 1), String(year), period.description])).sorted()
        let valueRows = try await values(municipalityID: municipalityID, forecastPeriods: forecastPeriods, outcomePeriods: outcomePeriods, on: db)
        let overrideRows = try await sql.raw("""
            SELECT a.goal_id, a.override, a.version FROM assessments a JOIN plans p ON p.id = a.plan_id
            WHERE p.municipality_id = \(bind: municipalityID) AND a.period = \(bind: period.description)
            """).all(decoding: OverrideRow.self)

        var latestOverride: [String: (version: Int, value: Attainment?)] = [:]
        for row in overrideRows where (latestOverride[row.goal_id]?.version ?? -1) < row.version {
            latestOverride[row.goal_id] = (row.version, row.override.flatMap(Attainment.init(rawValue:)))
        }
        let overrides = latestOverride.compactMapValues(\.value)

        // Rows decoded by column, and each distinct text parsed once: the same figures and periods recur.
        var entries: [String: [ValueEntry]] = [:]
        var parsedValues: [String: ValueText?] = [:], parsedPeriods: [String: Period?] = [:]
        for (indicatorID, periodText, kindText, text) in valueRows {
            let period = parsedPeriods[periodText] ?? { let p = Period(periodText); parsedPeriods[periodText] = p; return p }()
            let value = parsedValues[text] ?? { let v = try? ValueText(text); parsedValues[text] = v; return v }()
            guard let period, let value, let kind = ValueKind(rawValue: kindText) else { continue }
            entries[indicatorID, default: []].append(ValueEntry(period: period, gender: .total, kind: kind, value: value, comment: nil))
        }
        var own: [String: [Attainment]] = [:]
        var evaluated = 0
        var parsedTargets: [String: Target?] = [:]
        for row in indicators where row.retired != true {
            let target = parsedTargets[row.text] ?? { let t = try? Target(year: year, text: row.text); parsedTargets[row.text] = t; return t }()
            guard let direction = Direction(rawValue: row.direction), let target else { continue }
            let evaluation = TargetStatus.evaluate(target, direction: direction, values: entries[row.id] ?? [], asOf: period, policy: policy)
            own[row.goal_id, default: []].append(evaluation.attainment)
            evaluated += 1
        }
        let active = Set(goals.filter { $0.retired != true }.map(\.id))
        var children: [String: [String]] = [:]
        for link in links where active.contains(link.goal_id) { children[link.parent_goal_id, default: []].append(link.goal_id) }

        var computed: [String: Attainment] = [:]
        var visiting: Set<String> = []
        func status(_ id: String) -> Attainment {
            if let known = computed[id] { return known }
            guard visiting.insert(id).inserted else { return .notAssessable }
            let fromChildren = (children[id] ?? []).map { overrides[$0] ?? status($0) }
            let result = Evaluator.rollUp((own[id] ?? []) + fromChildren, policy: policy)
            computed[id] = result
            return result
        }
        for id in active { _ = status(id) }
        return Result(statuses: computed.filter { active.contains($0.key) }, indicatorsEvaluated: evaluated, valuesRead: valueRows.count)
    }

    /// The values the rules use: (indicator, period, kind, text). Decoding is most of the cost at this
    /// size (the query itself takes milliseconds), so on PostgreSQL the rows are read with
    /// PostgresNIO's typed decoding rather than through SQLKit's row by column name.
    static func values(municipalityID: String, forecastPeriods: [String], outcomePeriods: [String],
                       on db: any Database) async throws -> [(String, String, String, String)] {
        if db.postgres != nil, let postgres = db as? any PostgresDatabase {
            let logger = db.logger
            return try await postgres.withConnection { connection in
                connection.eventLoop.makeFutureWithTask {
                    let rows = try await connection.query("""
                        SELECT v.indicator_id, v.period, v.kind, v.value_text FROM measure_values v JOIN plans p ON p.id = v.plan_id
                        WHERE p.municipality_id = \(municipalityID) AND v.indicator_id IS NOT NULL AND v.gender = 'total'
                          AND ((v.kind = 'forecast' AND v.period = ANY(\(forecastPeriods)))
                            OR (v.kind = 'outcome' AND v.period = ANY(\(outcomePeriods))))
                        """, logger: logger)
                    var result: [(String, String, String, String)] = []
                    for try await row in rows.decode((String, String, String, String).self) { result.append(row) }
                    return result
                }
            }.get()
        }
        // CROSS JOIN keeps SQLite to the period index (values first, then their plan): the municipality
        // may be the whole database, and reading its values by plan would read all of them.
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT v.indicator_id, v.period, v.kind, v.value_text FROM measure_values v CROSS JOIN plans p
            WHERE p.id = v.plan_id AND p.municipality_id = \(bind: municipalityID) AND v.indicator_id IS NOT NULL AND v.gender = 'total'
              AND ((v.kind = 'forecast' AND v.period IN \(SQLBind.group(forecastPeriods)))
                OR (v.kind = 'outcome' AND v.period IN \(SQLBind.group(outcomePeriods))))
            """).all()
        return try rows.map {
            (try $0.decode(column: "indicator_id", as: String.self), try $0.decode(column: "period", as: String.self),
             try $0.decode(column: "kind", as: String.self), try $0.decode(column: "value_text", as: String.self))
        }
    }

    /// Every period of a year a value can be recorded for.
    static func periods(of year: Int) -> [Period] {
        [Period(year: year), Period(year: year, part: .interim)] + (1...3).map { Period(year: year, part: .tertial($0)) }
            + (1...12).map { Period(year: year, part: .month($0)) }
    }
}
