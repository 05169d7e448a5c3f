import TertialDocuments
import TertialCore
import TertialStore
import Vapor

/// What the plan page needs: goal areas, goals, and each goal's indicator table with the
/// columns the seed plans use (history, then targets), each target evaluated.
enum PlanPage {
    struct Model {
        struct Column: Hashable {
            typealias Kind = PlanColumns.Kind
            let kind: Kind
            /// The plan's own headings where it names them ("Riktning 2024").
            var headings: PlanColumnHeadings? = nil
            var heading: String { PlanColumns.heading(kind, plan: headings) }
        }
        struct Cell {
            let text: String
            let isNumeric: Bool
            let evaluation: TargetEvaluation?
        }
        struct Row {
            let label: String
            let isGenderRow: Bool
            let cells: [Cell]
        }
        struct IndicatorTable {
            var caption: String
            let rows: [Row]
            /// The table's columns: the plan's, without *Nuläge* where none of the goal's indicators has one.
            var columns: [Column] = []
        }
        struct Goal {
            let id: String
            let levelLabel: String
            let title: String
            let description: String?
            let parents: [String]
            let agenda2030: [String]
            let childRights: [Int]
            let qualitative: Bool
            var table: IndicatorTable?
            let status: (year: Int, attainment: Attainment)?
            /// Notes printed under the table ("ny indikator, därav saknas tidigare utfall").
            let notes: [String]
            /// One SVG per indicator with at least two figures (escaped by IndicatorChart, shown raw).
            let charts: [(name: String, svg: String)]
            /// Indicators linked to a Kolada KPI, with a comparison page (id, name).
            var kolada: [(id: String, name: String)] = []
            /// A person's assessment for the latest assessed year, if any.
            var assessment: (year: Int, entry: Assessments.Entry)? = nil
        }
        struct Area {
            var id: String? = nil
            let label: String
            let name: String
            let description: String?
            var goals: [Goal]
        }
        struct MeasureGroup {
            let title: String
            let text: String?
            let showsApprovedLevel: Bool
            let columns: [Column]
            let rows: [(id: String, name: String, approvedLevel: String?, cells: [String])]
        }

        let plan: Plan
        let municipalityName: String
        let ownerName: String
        let columns: [Column]
        var areas: [Area]
        let measureGroups: [MeasureGroup]

        /// The latest yearly assessment of each goal (the latest year with any: one query, then its history).
        mutating func addAssessments(planID: String, on db: StoreHandle) async throws {
            guard let latest = try await Assessments.latestYear(planID: planID, on: db) else { return }
            let entries = try await Assessments.history(planID: planID, period: latest, on: db)
            for a in areas.indices {
                for g in areas[a].goals.indices {
                    if let entry = entries[areas[a].goals[g].id]?.last { areas[a].goals[g].assessment = (latest.year, entry) }
                }
            }
        }

        /// `thisYear`: a target of a later year with no outcome or forecast yet has no status (its year has not come).
        init(plan full: Plan, policy: EvaluationPolicy = .standard, thisYear: Int = Day(Date()).year) {
            let doc = full.activeView
            self.plan = doc
            municipalityName = doc.municipality.name
            ownerName = doc.units.first { $0.id == doc.ownerUnitID }?.name ?? doc.ownerUnitID
            let indicators = doc.goals.flatMap(\.indicators)
            let columns = Self.columns(values: PlanColumns.planValues(indicators.flatMap(\.values)), hasBaseline: indicators.contains { $0.baseline != nil }, headings: doc.columnHeadings,
                                       targetYears: indicators.flatMap { $0.targets.keys })
            self.columns = columns
            let titles = Dictionary(doc.goals.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
            let statuses = Self.rolledUpStatuses(doc, policy: policy)
            func goal(_ record: TertialCore.Goal) -> Goal {
                // One indicator's Nuläge must not add an empty column to every other goal's table.
                let own = record.indicators.contains { $0.baseline != nil } ? columns : columns.filter { $0.kind != .baseline }
                let table = record.indicators.isEmpty ? nil : Self.table(for: record, columns: own, policy: policy, thisYear: thisYear)
                return Goal(id: record.id, levelLabel: doc.municipality.goalLabel(record.level), title: record.title, description: record.description,
                            parents: record.parentGoalIDs.compactMap { titles[$0] }, agenda2030: record.agenda2030,
                            childRights: record.childRights, qualitative: record.qualitative, table: table,
                            status: statuses[record.id], notes: record.indicators.compactMap(\.note),
                            charts: record.indicators.compactMap { i in IndicatorChart.svg(i, id: "diagram-\(i.id)").map { (i.name, $0) } },
                            kolada: record.indicators.filter { $0.source?.kind == .kolada && !($0.source?.reference ?? "").isEmpty }.map { ($0.id, $0.name) })
            }
            var areas = doc.goalAreas.map { area in
                Area(id: area.id, label: area.label ?? "Målområde", name: area.name, description: area.description,
                     goals: doc.goals.filter { $0.goalAreaID == area.id }.map(goal))
            }
            let loose = doc.goals.filter { $0.goalAreaID == nil }
            if !loose.isEmpty { areas.append(Area(label: "", name: "Mål", description: nil, goals: loose.map(goal))) }
            // Goals of the same title (a council goal and the committee's own) would give two tables, and two
            // scrolling regions, one name: the later ones are numbered.
            var seen: [String: Int] = [:]
            for a in areas.indices {
                for g in areas[a].goals.indices {
                    guard let caption = areas[a].goals[g].table?.caption else { continue }
                    seen[caption, default: 0] += 1
                    if seen[caption]! > 1 { areas[a].goals[g].table?.caption = "\(caption) (\(seen[caption]!))" }
                }
            }
            self.areas = areas

            var groups: [MeasureGroup] = []
            for mission in doc.basicMissions {
                let measures = doc.trackingMeasures.filter { $0.basicMissionID == mission.id }
                let columns = Self.columns(values: measures.flatMap(\.values), hasBaseline: false, targetYears: [])
                groups.append(MeasureGroup(title: "Grunduppdrag: \(mission.title)", text: mission.text, showsApprovedLevel: true, columns: columns,
                                           rows: measures.map { m in (m.id, m.name, m.approvedLevel?.text, columns.map { Self.cellText($0, values: m.values, gender: .total) }) }))
            }
            for (key, measures) in doc.trackingMeasureGroups {
                let columns = Self.columns(values: measures.flatMap(\.values), hasBaseline: false, targetYears: [])
                groups.append(MeasureGroup(title: key, text: nil, showsApprovedLevel: measures.contains { $0.approvedLevel != nil }, columns: columns,
                                           rows: measures.map { m in (m.id, m.name, m.approvedLevel?.text, columns.map { Self.cellText($0, values: m.values, gender: .total) }) }))
            }
            measureGroups = groups
        }

        static func columns(values: [ValueEntry], hasBaseline: Bool, headings: PlanColumnHeadings? = nil, targetYears: [Int]) -> [Column] {
            PlanColumns.columns(values: values, hasBaseline: hasBaseline, targetYears: targetYears).map { Column(kind: $0, headings: headings) }
        }

        static func table(for goal: TertialCore.Goal, columns: [Column], policy: EvaluationPolicy, thisYear: Int) -> IndicatorTable {
            var rows: [Row] = []
            for indicator in goal.indicators {
                let cells = columns.map { column -> Cell in
                    switch column.kind {
                    case .baseline:
                        return Cell(text: indicator.baseline?.text ?? "", isNumeric: false, evaluation: nil)
                    case .value:
                        return Cell(text: cellText(column, values: indicator.values, gender: .total), isNumeric: true, evaluation: nil)
                    case .target(let year):
                        guard let text = indicator.targets[year]?.text else { return Cell(text: "", isNumeric: true, evaluation: nil) }
                        let evaluation = PlanEvaluation.indicatorStatus(indicator, year: year, policy: policy)
                        // A year that has not come, with nothing reported for it yet: no status (not "Ej bedömbart").
                        return Cell(text: text, isNumeric: true, evaluation: year > thisYear && evaluation?.basis == EvaluationBasis.none ? nil : evaluation)
                    }
                }
                rows.append(Row(label: indicator.name, isGenderRow: false, cells: cells))
                for gender in indicator.genderRows {
                    rows.append(Row(label: gender.label, isGenderRow: true, cells: columns.map { column in
                        if case .value = column.kind { return Cell(text: cellText(column, values: indicator.values, gender: gender), isNumeric: true, evaluation: nil) }
                        return Cell(text: "", isNumeric: true, evaluation: nil)
                    }))
                }
            }
            return IndicatorTable(caption: "Indikatorer för \(goal.title)", rows: rows, columns: columns)
        }

        static func cellText(_ column: Column, values: [ValueEntry], gender: Gender) -> String {
            PlanColumns.printed(column.kind, values: values, gender: gender)
        }

        /// The goal's status for the latest target year that has any assessable indicator.
        /// Each goal's status for the latest target year in which it can be assessed, computed as the
        /// assessment page computes it: its indicators and the goals that contribute to it, rolled up.
        static func rolledUpStatuses(_ document: Plan, policy: EvaluationPolicy) -> [String: (year: Int, attainment: Attainment)] {
            let years = Set(document.goals.flatMap { $0.indicators.flatMap { $0.targets.keys } }).sorted(by: >)
            var result: [String: (year: Int, attainment: Attainment)] = [:]
            for year in years {
                for (goalID, status) in PlanEvaluation.goalStatuses(document, year: year, policy: policy)
                    where status != .notAssessable && result[goalID] == nil {
                    result[goalID] = (year, status)
                }
            }
            return result
        }
    }
}

/// The plan page as HTML for a document already in memory (used by bench/ and, later, document export).
public enum PlanPageRenderer {
    public static func render(_ document: Plan) -> String {
        PlanPage.view(PlanPage.Model(plan: document)).render()
    }
}
