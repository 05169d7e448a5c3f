import FluentKit
import Foundation
import TertialCore
import TertialInterchange

// Conversions between interchange records and database rows, both ways, kept side by side so
// a field added to one is seen to be missing from the other.

extension MunicipalityModel {
    convenience init(_ record: MunicipalityRecord, position: Int) {
        self.init()
        id = record.id; name = record.name; unitKindLabels = record.unitKindLabels; followUpPeriods = record.followUpPeriods
        goalLevelLabels = record.goalLevelLabels
        self.position = position
    }
    public var record: MunicipalityRecord {
        MunicipalityRecord(id: id!, name: name, unitKindLabels: unitKindLabels, followUpPeriods: followUpPeriods, goalLevelLabels: goalLevelLabels)
    }
}

extension OrgUnitModel {
    convenience init(_ record: UnitRecord, municipalityID: String, position: Int) {
        self.init()
        id = record.id; self.municipalityID = municipalityID; parentID = record.parentId
        kind = record.kind.rawValue; name = record.name; self.position = position
    }
    public var record: UnitRecord { UnitRecord(id: id!, kind: OrgUnitKind(rawValue: kind) ?? .unit, name: name, parentId: parentID) }
    func sameContent(as other: OrgUnitModel) -> Bool {
        municipalityID == other.municipalityID && parentID == other.parentID && kind == other.kind && name == other.name
    }
}

extension GoalAreaModel {
    convenience init(_ record: GoalAreaRecord, municipalityID: String) {
        self.init()
        id = record.id; self.municipalityID = municipalityID; name = record.name; label = record.label; description = record.description
    }
    public var record: GoalAreaRecord { GoalAreaRecord(id: id!, name: name, label: label, description: description) }
    func sameContent(as other: GoalAreaModel) -> Bool {
        municipalityID == other.municipalityID && name == other.name && label == other.label && description == other.description
    }
}

extension PlanModel {
    convenience init(_ record: PlanRecord, municipalityID: String, position: Int) {
        self.init()
        id = record.id; self.municipalityID = municipalityID; ownerUnitID = record.ownerUnitId; kind = record.kind.rawValue
        title = record.title; budgetYear = record.budgetYear
        firstYear = record.planYears.first ?? record.budgetYear; lastYear = record.planYears.last ?? record.budgetYear
        status = record.status.rawValue; isPublic = record.isPublic
        decisionBody = record.decision?.body; decisionDate = record.decision?.date; decisionParagraph = record.decision?.paragraph
        decisionCaseNumber = record.decision?.caseNumber; decisionPoints = record.decision?.points; decisionBasis = record.decision?.basis
        attachments = record.attachments; self.position = position
        columnHeadings = Self.dictionary(record.columnHeadings)
    }
    static func dictionary(_ headings: ColumnHeadingsRecord?) -> [String: String]? {
        headings.map { h in [("value", h.value), ("target", h.target), ("baseline", h.baseline)].reduce(into: [String: String]()) { $0[$1.0] = $1.1 } }
    }
    public var record: PlanRecord {
        let decision = decisionBody.map {
            DecisionRecord(body: $0, date: decisionDate, paragraph: decisionParagraph, caseNumber: decisionCaseNumber, points: decisionPoints ?? [],
                           basis: decisionBasis)
        }
        return PlanRecord(id: id!, kind: PlanKind(rawValue: kind) ?? .committeePlan, title: title, ownerUnitId: ownerUnitID,
                          budgetYear: budgetYear, planYears: Array(firstYear...max(firstYear, lastYear)),
                          status: PlanStatus(rawValue: status) ?? .draft, isPublic: isPublic, decision: decision, attachments: attachments,
                          columnHeadings: columnHeadings.map { ColumnHeadingsRecord(value: $0["value"], target: $0["target"], baseline: $0["baseline"]) })
    }
}

extension PlanGoalAreaModel {
    convenience init(planID: String, goalAreaID: String, position: Int) {
        self.init()
        id = UUID(); self.planID = planID; self.goalAreaID = goalAreaID; self.position = position
    }
}

extension BasicMissionModel {
    convenience init(_ record: BasicMissionRecord, planID: String, position: Int) {
        self.init()
        id = record.id; self.planID = planID; title = record.title; text = record.text; self.position = position
    }
    public var record: BasicMissionRecord { BasicMissionRecord(id: id!, title: title, text: text) }
}

extension GoalModel {
    convenience init(_ record: GoalRecord, municipalityID: String) {
        self.init()
        id = record.id; self.municipalityID = municipalityID; ownerUnitID = record.ownerUnitId; level = record.level.rawValue
        code = record.code; title = record.title; description = record.description; goalAreaID = record.goalAreaId
        agenda2030 = record.agenda2030; childRights = record.childRights; qualitative = record.qualitative
        retired = record.retired == true ? true : nil
        continues = record.continues
    }
    public func record(parentGoalIDs: [String], indicators: [IndicatorRecord]) -> GoalRecord {
        var record = GoalRecord(id: id!, level: GoalLevel(rawValue: level) ?? .committee, code: code, title: title, description: description,
                                ownerUnitId: ownerUnitID, goalAreaId: goalAreaID, parentGoalIds: parentGoalIDs, agenda2030: agenda2030,
                                childRights: childRights, qualitative: qualitative, indicators: indicators)
        record.retired = retired == true ? true : nil
        record.continues = continues
        return record
    }
    func sameContent(as other: GoalModel) -> Bool {
        municipalityID == other.municipalityID && ownerUnitID == other.ownerUnitID && level == other.level && code == other.code
            && title == other.title && description == other.description && goalAreaID == other.goalAreaID
            && agenda2030 == other.agenda2030 && childRights == other.childRights && qualitative == other.qualitative
            && (retired ?? false) == (other.retired ?? false) && continues == other.continues
    }
}

extension GoalLinkModel {
    convenience init(goalID: String, parentGoalID: String, position: Int) {
        self.init()
        id = UUID(); self.goalID = goalID; self.parentGoalID = parentGoalID; self.position = position
    }
}

extension PlanGoalModel {
    convenience init(planID: String, goalID: String, position: Int) {
        self.init()
        id = UUID(); self.planID = planID; self.goalID = goalID; self.position = position
    }
}

extension IndicatorModel {
    convenience init(_ record: IndicatorRecord, planID: String, goalID: String, position: Int) {
        self.init()
        id = record.id; self.planID = planID; self.goalID = goalID; self.position = position; name = record.name
        description = record.description; unit = record.unit; decimals = record.decimals; direction = record.direction.rawValue
        sourceKind = record.source?.kind.rawValue; sourceReference = record.source?.reference
        genderBreakdown = record.genderBreakdown; frequency = record.frequency.rawValue; baseline = record.baseline; note = record.note
        retired = record.retired == true ? true : nil
    }
    /// The columns an import writes, in order (`ImportedRows`).
    static let columns = ["id", "plan_id", "goal_id", "position", "name", "description", "unit", "decimals", "direction", "source_kind",
                          "source_reference", "gender_breakdown", "frequency", "baseline", "note", "retired"]
    public func record(values: [ValueRecord], targets: [String: String]) -> IndicatorRecord {
        var record = IndicatorRecord(id: id!, name: name, description: description, unit: unit, decimals: decimals,
                                     direction: Direction(rawValue: direction) ?? .none,
                                     source: sourceKind.flatMap(SourceKind.init(rawValue:)).map { SourceRecord(kind: $0, reference: sourceReference) },
                                     genderBreakdown: genderBreakdown, frequency: Frequency(rawValue: frequency) ?? .year, baseline: baseline,
                                     values: values, targets: targets, note: note)
        record.retired = retired == true ? true : nil
        return record
    }
}

extension TargetModel {
    convenience init(planID: String, indicatorID: String, year: Int, text: String) {
        self.init()
        id = UUID(); self.planID = planID; self.indicatorID = indicatorID; self.year = year; self.text = text
    }
    /// The columns an import writes, in order (`ImportedRows`).
    static let columns = ["id", "plan_id", "indicator_id", "year", "text"]
}

extension TrackingMeasureModel {
    convenience init(_ record: TrackingMeasureRecord, planID: String, position: Int) {
        self.init()
        id = record.id; self.planID = planID; basicMissionID = record.basicMissionId; self.position = position; name = record.name
        group = record.group; unit = record.unit; decimals = record.decimals; approvedLevel = record.approvedLevel; note = record.note
        retired = record.retired == true ? true : nil
    }
    public func record(values: [ValueRecord]) -> TrackingMeasureRecord {
        var record = TrackingMeasureRecord(id: id!, name: name, group: group, unit: unit, decimals: decimals, basicMissionId: basicMissionID,
                                           approvedLevel: approvedLevel, values: values, note: note)
        record.retired = retired == true ? true : nil
        return record
    }
}

extension MeasureValueModel {
    convenience init(_ record: ValueRecord, planID: String, indicatorID: String?, trackingMeasureID: String?, position: Int,
                     recordedBy: String, at date: Date, id: UUID = UUID()) {
        self.init()
        self.id = id; self.planID = planID; self.indicatorID = indicatorID; self.trackingMeasureID = trackingMeasureID
        period = record.period.description; gender = record.gender.rawValue; kind = record.kind.rawValue
        valueText = record.value; comment = record.comment; version = 1; self.recordedBy = recordedBy; recordedAt = date
        self.position = position
    }
    public var record: ValueRecord { Self.record(period: period, gender: gender, kind: kind, value: valueText, comment: comment) }

    /// A stored value's columns as the interchange record (also for values read as plain rows).
    static func record(period: String, gender: String, kind: String, value: String, comment: String?) -> ValueRecord {
        ValueRecord(period: Period(period) ?? Period(year: 1900), gender: Gender(rawValue: gender) ?? .total,
                    kind: ValueKind(rawValue: kind) ?? .outcome, value: value, comment: comment)
    }

    /// The columns a bulk write fills, in order (`ImportedRows`: multi-row INSERT and COPY alike).
    static let columns = ["id", "plan_id", "indicator_id", "tracking_measure_id", "period", "gender", "kind", "value_text", "comment",
                          "version", "recorded_by", "recorded_at", "position"]
}

extension MeasureValueVersionModel {
    /// The version row for a value as it is now, kept when a change replaces it.
    convenience init(snapshotOf value: MeasureValueModel) {
        self.init()
        id = UUID(); valueID = value.id!; version = value.version; valueText = value.valueText; comment = value.comment
        recordedBy = value.recordedBy; recordedAt = value.recordedAt
    }
}
