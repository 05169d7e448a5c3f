import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// The editor's writes as the web makes them: typed values where there is nothing left to read
/// (a goal, a goal area), and the fields as typed where the import's rules still have to read
/// them (an indicator's targets and baseline, a tracking measure's approved level), so a problem is
/// named on its field. The stored form (the interchange records) stays inside the store.
extension PlanEditor {
    /// An indicator's fields as a person typed them in the form; values are entered elsewhere.
    public struct IndicatorFields: Sendable, Hashable {
        public var id: String
        public var name: String
        public var description: String?
        public var unit: String?
        public var decimals: Int
        public var direction: Direction
        public var source: Source?
        public var genderBreakdown: Bool
        public var frequency: Frequency
        public var baseline: String?
        /// Year → the target as written ("≤100").
        public var targets: [Int: String]
        public var note: String?

        public init(id: String, name: String, description: String?, unit: String?, decimals: Int, direction: Direction, source: Source?,
                    genderBreakdown: Bool, frequency: Frequency, baseline: String?, targets: [Int: String], note: String?) {
            self.id = id; self.name = name; self.description = description; self.unit = unit; self.decimals = decimals
            self.direction = direction; self.source = source; self.genderBreakdown = genderBreakdown; self.frequency = frequency
            self.baseline = baseline; self.targets = targets; self.note = note
        }

        var record: IndicatorRecord {
            IndicatorRecord(id: id, name: name, description: description, unit: unit, decimals: decimals, direction: direction,
                            source: source.map { SourceRecord(kind: $0.kind, reference: $0.reference) }, genderBreakdown: genderBreakdown,
                            frequency: frequency, baseline: baseline, values: [],
                            targets: Dictionary(uniqueKeysWithValues: targets.map { (String($0.key), $0.value) }), note: note)
        }
    }

    /// A tracking measure's fields as typed; its values are entered elsewhere.
    public struct TrackingMeasureFields: Sendable, Hashable {
        public var id: String
        public var name: String
        public var group: String?
        public var unit: String?
        public var decimals: Int
        public var basicMissionID: String?
        /// As written ("70-100").
        public var approvedLevel: String?
        public var note: String?

        public init(id: String, name: String, group: String?, unit: String?, decimals: Int, basicMissionID: String?, approvedLevel: String?, note: String?) {
            self.id = id; self.name = name; self.group = group; self.unit = unit; self.decimals = decimals
            self.basicMissionID = basicMissionID; self.approvedLevel = approvedLevel; self.note = note
        }

        var record: TrackingMeasureRecord {
            TrackingMeasureRecord(id: id, name: name, group: group, unit: unit, decimals: decimals, basicMissionId: basicMissionID,
                                  approvedLevel: approvedLevel, values: [], note: note)
        }
    }

    /// Saves a goal's fields (its indicators are saved one by one and kept, so they are not converted here).
    public static func saveGoal(_ goal: Goal, planID: String, isNew: Bool, by actor: Actor, on database: any Database) async throws {
        var fields = goal
        fields.indicators = []
        try await saveGoal(GoalRecord(fields), planID: planID, isNew: isNew, by: actor, on: database)
    }

    public static func saveGoalArea(_ area: GoalArea, planID: String, isNew: Bool, by actor: Actor, on database: any Database) async throws {
        try await saveGoalArea(GoalAreaRecord(id: area.id, name: area.name, label: area.label, description: area.description),
                               planID: planID, isNew: isNew, by: actor, on: database)
    }

    public static func saveTrackingMeasure(_ fields: TrackingMeasureFields, planID: String, isNew: Bool, by actor: Actor, on database: any Database) async throws {
        try await saveTrackingMeasure(fields.record, planID: planID, isNew: isNew, by: actor, on: database)
    }

    public static func saveIndicator(_ fields: IndicatorFields, goalID: String, planID: String, isNew: Bool, by actor: Actor,
                                     on database: any Database) async throws {
        try await saveIndicator(fields.record, goalID: goalID, planID: planID, isNew: isNew, by: actor, on: database)
    }
}
