import FluentKit
import Foundation
import SQLKit
import TertialCore
import TertialInterchange

public struct PlanNotFound: Error, CustomStringConvertible, Sendable {
    public let id: String
    public var description: String { "planen \"\(id)\" finns inte" }
}

/// Reads a whole plan back as an interchange document. The number of queries is fixed (one per
/// table), whatever the size of the plan, so the web page uses this read model too.
public enum PlanExporter {
    /// A unit as the document needs it (see `OrgUnitModel.record`).
    struct UnitRow {
        let id: String, parentID: String?, kind: String, name: String, position: Int
        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: String.self)
            parentID = try row.decode(column: "parent_id", as: String?.self)
            kind = try row.decode(column: "kind", as: String.self)
            name = try row.decode(column: "name", as: String.self)
            position = try row.decode(column: "position", as: Int.self)
        }
        var record: UnitRecord { UnitRecord(id: id, kind: OrgUnitKind(rawValue: kind) ?? .unit, name: name, parentId: parentID) }
    }

    /// A stored value as the document needs it (see `MeasureValueModel.record`).
    struct ValueRow {
        let indicator_id: String?, tracking_measure_id: String?, period: String, gender: String, kind: String, value_text: String, comment: String?
        /// By column, without a keyed decoding container per row.
        init(_ row: any SQLRow) throws {
            indicator_id = try row.decode(column: "indicator_id", as: String?.self)
            tracking_measure_id = try row.decode(column: "tracking_measure_id", as: String?.self)
            period = try row.decode(column: "period", as: String.self)
            gender = try row.decode(column: "gender", as: String.self)
            kind = try row.decode(column: "kind", as: String.self)
            value_text = try row.decode(column: "value_text", as: String.self)
            comment = try row.decode(column: "comment", as: String?.self)
        }
        var record: ValueRecord {
            MeasureValueModel.record(period: period, gender: gender, kind: kind, value: value_text, comment: comment)
        }
    }

    /// How many whole plans this process has read (for `tertial-bench save`: a one-field save reads none).
    public static var wholePlanReads: Int { readCount.value }
    static let readCount = Counter()

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }

    public static func document(planID: String, on db: any Database) async throws -> PlanDocument {
        readCount.increment()
        guard let plan = try await PlanModel.find(planID, on: db),
              let municipality = try await MunicipalityModel.find(plan.municipalityID, on: db) else {
            throw PlanNotFound(id: planID)
        }
        // Every unit of the municipality (a thousand in a large one) as plain rows; the plan keeps the chains it names.
        async let unitsQuery = (db as! any SQLDatabase).select().columns("id", "parent_id", "kind", "name", "position")
            .from(OrgUnitModel.schema).where("municipality_id", .equal, plan.municipalityID).all()
        async let planAreasQuery = PlanGoalAreaModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
        async let planGoalsQuery = PlanGoalModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
        async let indicatorsQuery = IndicatorModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
        async let targetsQuery = TargetModel.query(on: db).filter(\.$planID == planID).sort(\.$year).all()
        // The values (most of a plan's rows) are read as plain rows, not models: only the columns the
        // document holds, without Fluent's per-property decoding.
        async let valuesQuery = (db as! any SQLDatabase).select()
            .columns("indicator_id", "tracking_measure_id", "period", "gender", "kind", "value_text", "comment")
            .from(MeasureValueModel.schema).where("plan_id", .equal, planID).orderBy("position")
            .all()
        async let missionsQuery = BasicMissionModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
        async let measuresQuery = TrackingMeasureModel.query(on: db).filter(\.$planID == planID).sort(\.$position).all()
        let (unitRows, planAreas, planGoals) = try await (unitsQuery, planAreasQuery, planGoalsQuery)
        let units = try unitRows.map(UnitRow.init)
        let (indicators, targets, valueRows) = try await (indicatorsQuery, targetsQuery, valuesQuery)
        let allValues = try valueRows.map(ValueRow.init)
        // A cleared value keeps its row (for its history and for edit conflicts) with empty text; it is no value.
        let values = allValues.filter { !$0.value_text.isEmpty }
        let (missions, measures) = try await (missionsQuery, measuresQuery)
        let economy = try await Economies.record(planID: planID, ownerUnitID: plan.ownerUnitID, on: db)
        let activityPlan = try await PlanActivityPlanModel.find(planID, on: db).map {
            try JSONDecoder().decode(ActivityPlanRecord.self, from: Data($0.document.utf8))
        }
        let textSections = try await PlanTextSectionsModel.find(planID, on: db).map {
            TextSectionsRecord(try TextSections.decode($0.document).map(TextSectionRecord.init))
        }
        let internalControl = try await PlanInternalControlModel.find(planID, on: db).map {
            try JSONDecoder().decode(InternalControlRecord.self, from: Data($0.document.utf8))
        }

        let goalIDs = planGoals.map(\.goalID)
        async let goalsQuery = GoalModel.query(on: db).filter(\.$id ~~ goalIDs).all()
        async let linksQuery = GoalLinkModel.query(on: db).filter(\.$goalID ~~ goalIDs).sort(\.$position).all()
        async let areasQuery = GoalAreaModel.query(on: db).filter(\.$id ~~ planAreas.map(\.goalAreaID)).all()
        let (goals, links, areas) = try await (goalsQuery, linksQuery, areasQuery)

        let goalsByID = Dictionary(goals.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let areasByID = Dictionary(areas.map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
        let targetsByIndicator = Dictionary(grouping: targets, by: \.indicatorID)
        let valuesByIndicator = Dictionary(grouping: values.filter { $0.indicator_id != nil }, by: { $0.indicator_id! })
        let valuesByMeasure = Dictionary(grouping: values.filter { $0.tracking_measure_id != nil }, by: { $0.tracking_measure_id! })
        let indicatorsByGoal = Dictionary(grouping: indicators, by: \.goalID)
        let linksByGoal = Dictionary(grouping: links, by: \.goalID)

        let goalRecords: [GoalRecord] = planGoals.compactMap { planGoal in
            guard let goal = goalsByID[planGoal.goalID] else { return nil }
            let indicatorRecords = (indicatorsByGoal[planGoal.goalID] ?? []).map { indicator in
                indicator.record(values: (valuesByIndicator[indicator.id!] ?? []).map(\.record),
                                 targets: Dictionary((targetsByIndicator[indicator.id!] ?? []).map { (String($0.year), $0.text) },
                                                     uniquingKeysWith: { a, _ in a }))
            }
            return goal.record(parentGoalIDs: (linksByGoal[planGoal.goalID] ?? []).map(\.parentGoalID), indicators: indicatorRecords)
        }

        // The units the plan refers to, with their ancestors, in the municipality's order.
        let unitsByID = Dictionary(units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var needed: Set<String> = []
        let transferUnits = (economy?.frameTransfers ?? []).flatMap { [$0.fromUnitId, $0.toUnitId] }
            + (activityPlan?.activities ?? []).compactMap(\.responsibleUnitId)
            + (activityPlan?.assignments ?? []).flatMap { ($0.committeeIds ?? []) + [$0.coordinatingCommitteeId].compactMap { $0 } }
        for start in [plan.ownerUnitID] + goalRecords.map(\.ownerUnitId) + transferUnits {
            var current: String? = start
            while let id = current, needed.insert(id).inserted { current = unitsByID[id]?.parentID }
        }
        let unitRecords = units.filter { needed.contains($0.id) }
            .sorted { ($0.position, $0.id) < ($1.position, $1.id) }
            .map(\.record)

        // What people said about the goals: the latest version per goal and period, where it holds a
        // person's assessment or an analysis, in the goals' order and then by period.
        let assessmentRows = try await AssessmentModel.query(on: db).filter(\.$planID == planID).sort(\.$version).all()
        var latest: [String: AssessmentModel] = [:]
        for row in assessmentRows { latest["\(row.goalID)|\(row.period)"] = row }
        let goalOrder = Dictionary(goalRecords.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assessments = latest.values.filter { $0.override != nil || $0.analysis != nil }
            .compactMap { row -> GoalAssessmentRecord? in
                guard let period = Period(row.period), goalOrder[row.goalID] != nil else { return nil }
                return GoalAssessmentRecord(goalId: row.goalID, period: period, assessment: row.override.flatMap(Attainment.init(rawValue:)),
                                            reason: row.override == nil ? nil : row.reason, analysis: row.analysis)
            }
            .sorted { (goalOrder[$0.goalId]!, $0.period) < (goalOrder[$1.goalId]!, $1.period) }

        var document = PlanDocument(
            municipality: municipality.record,
            units: unitRecords,
            goalAreas: planAreas.compactMap { areasByID[$0.goalAreaID]?.record },
            plan: plan.record,
            basicMissions: missions.map(\.record),
            goals: goalRecords,
            trackingMeasures: measures.map { $0.record(values: (valuesByMeasure[$0.id!] ?? []).map(\.record)) },
            economy: economy,
            activityPlan: activityPlan,
            textSections: textSections, internalControl: internalControl)
        if !assessments.isEmpty {
            document.assessments = assessments
            document.version = document.requiredVersion
        }
        return document
    }
}
