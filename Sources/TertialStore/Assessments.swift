import FluentKit
import Foundation
import TertialCore
import TertialInterchange

public final class AssessmentModel: Model, @unchecked Sendable {
    public static let schema = "assessments"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "goal_id") public var goalID: String
    @Field(key: "period") public var period: String
    @Field(key: "version") public var version: Int
    @Field(key: "computed") public var computed: String
    @OptionalField(key: "override") public var override: String?
    @OptionalField(key: "reason") public var reason: String?
    @OptionalField(key: "analysis") public var analysis: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    public init() {}
}

/// Assessment and analysis per goal and period, with every earlier version kept.
public enum Assessments {
    public struct Entry: Sendable, Hashable {
        public let goalID: String
        public let assessment: Assessment
        public let analysis: String?
        public let version: Int
        public let recordedBy: String
        public let recordedAt: Date
    }

    /// What a person saves for one goal. The override needs a reason (checked by Core's `Assessment`).
    public struct Input: Sendable {
        public let goalID: String
        public let computed: Attainment
        public let override: Attainment?
        public let reason: String?
        public let analysis: String?
        /// The version the person's form showed (0: none); nil saves whatever is there now.
        public let expectedVersion: Int?
        public init(goalID: String, computed: Attainment, override: Attainment?, reason: String?, analysis: String?, expectedVersion: Int? = nil) {
            self.goalID = goalID; self.computed = computed; self.override = override; self.reason = reason; self.analysis = analysis
            self.expectedVersion = expectedVersion
        }
    }

    /// Someone else saved these goals' assessments after the person's form was made; nothing was saved.
    public struct Conflict: Error, Sendable {
        public let goalIDs: [String]
    }

    /// Reason and analysis follow the interchange format's rules for text.
    public static func textProblem(_ text: String?) -> String? {
        text.flatMap { ValueText.formProblem($0, maxLength: PlanValidator.maxTextLength) }
    }

    /// Goal id → every version, oldest first. One query.
    public static func history(planID: String, period: Period, on db: any Database) async throws -> [String: [Entry]] {
        let rows = try await AssessmentModel.query(on: db).filter(\.$planID == planID).filter(\.$period == period.description).sort(\.$version).all()
        return Dictionary(grouping: rows.compactMap(entry), by: \.goalID)
    }

    static func entry(_ row: AssessmentModel) -> Entry? {
        guard let computed = Attainment(rawValue: row.computed),
              let assessment = try? Assessment(computed: computed, override: row.override.flatMap(Attainment.init(rawValue:)), reason: row.reason) else { return nil }
        return Entry(goalID: row.goalID, assessment: assessment, analysis: row.analysis, version: row.version, recordedBy: row.recordedBy, recordedAt: row.recordedAt)
    }

    /// Saves the inputs that differ from the current assessment, in one transaction. Returns how many changed.
    public static func save(planID: String, period: Period, _ inputs: [Input], by actor: Actor, at date: Date = Date(),
                            on database: any Database) async throws -> Int {
        for input in inputs {
            _ = try Assessment(computed: input.computed, override: input.override, reason: input.reason)
            if let problem = textProblem(input.reason) ?? textProblem(input.analysis) { throw ValueParseError(text: input.goalID, problem: problem) }
        }
        return try await database.writeTransaction { db in
            try await PeriodLocks.requireOpen(planID: planID, period: period, at: date, on: db)
            let current = try await history(planID: planID, period: period, on: db).mapValues { $0.last! }
            var changed = 0
            var conflicts: [String] = []
            for input in inputs {
                let before = current[input.goalID]
                let reason = input.override == nil ? nil : input.reason
                if let before, before.assessment.computed == input.computed, before.assessment.override == input.override,
                   before.assessment.reason == reason, before.analysis == input.analysis { continue }
                if before == nil && input.override == nil && input.analysis == nil && reason == nil { continue }
                // What the person saw is no longer there: keep theirs, tell them.
                if let expected = input.expectedVersion, (before?.version ?? 0) != expected {
                    let sameContent = before.map { $0.assessment.override == input.override && $0.assessment.reason == reason && $0.analysis == input.analysis } ?? false
                    if !sameContent { conflicts.append(input.goalID) }
                    continue
                }
                let row = AssessmentModel()
                row.id = UUID(); row.planID = planID; row.goalID = input.goalID; row.period = period.description
                row.version = (before?.version ?? 0) + 1; row.computed = input.computed.rawValue; row.override = input.override?.rawValue
                row.reason = reason; row.analysis = input.analysis; row.recordedBy = actor.name; row.recordedAt = date
                do {
                    try await row.create(on: db)
                } catch where isUniqueViolation(error) {
                    throw Conflict(goalIDs: [input.goalID]) // another save of the same goal at the same moment
                }
                var entries: [AuditLog.Entry] = []
                let field = "bedömning \(period.label)"
                if before?.assessment.effective != Assessment.effective(input.computed, input.override) || before == nil {
                    entries.append(.init(before == nil ? .create : .update, "mål", input.goalID, field: field,
                                         old: before?.assessment.effective.label, new: Assessment.effective(input.computed, input.override).label, planID: planID))
                }
                if before?.assessment.reason != reason { entries.append(.init(.update, "mål", input.goalID, field: field + ", motivering", old: before?.assessment.reason, new: reason, planID: planID)) }
                if before?.analysis != input.analysis { entries.append(.init(.update, "mål", input.goalID, field: "analys \(period.label)", old: before?.analysis, new: input.analysis, planID: planID)) }
                try await AuditLog.append(entries, by: actor, at: date, on: db)
                changed += 1
            }
            if !conflicts.isEmpty { throw Conflict(goalIDs: conflicts) }
            return changed
        }
    }
}

extension Assessment {
    static func effective(_ computed: Attainment, _ override: Attainment?) -> Attainment { override ?? computed }
}
