import FluentKit
import Foundation
import SQLKit
import TertialCore
import TertialInterchange

/// A plan's activity plan in the database: read, and changed by reporters (status and comment per
/// follow-up period, an assignment's response) and planners (new activities), each change audited.
public enum ActivityPlans {
    /// The activity plan as stored (the interchange record), for checks of what was written.
    public static func record(planID: String, on db: any Database) async throws -> ActivityPlanRecord? {
        try await PlanActivityPlanModel.find(planID, on: db).map { try JSONDecoder().decode(ActivityPlanRecord.self, from: Data($0.document.utf8)) }
    }

    /// The plan's activity plan as stored now (nil: none yet).
    public static func current(planID: String, on db: any Database) async throws -> ActivityPlan? {
        try await record(planID: planID, on: db).map { $0.typed().0 }
    }

    /// A fingerprint of the stored activity plan, for forms: a save from a form made before another
    /// save is a conflict. Taken of the typed value's canonical form, so the page (which holds the
    /// typed plan) and the save (which reads the row) agree.
    public static func fingerprint(_ plan: ActivityPlan) -> String { documentFingerprint(Economies.encode(ActivityPlanRecord(plan))) }

    /// Someone saved after the form was made: the whole plan (a form without item versions), or
    /// these activities and assignments. Nothing was saved.
    public struct Conflict: Error, Sendable {
        public var itemIDs: [String]
        public init(itemIDs: [String] = []) { self.itemIDs = itemIDs }
    }

    /// The version of one item of the follow-up form as a page shows it: an activity's follow-up for
    /// the period, or an assignment's status and response. A save names the version its page showed,
    /// and is a conflict only for the items that changed since (see `saveFollowUp`).
    public static func itemVersion(followUpOf activity: Activity, period: Period) -> String {
        let entry = activity.followUps.first { $0.period == period }
        return itemVersion(status: entry?.status, comment: entry?.comment, percent: entry?.percentComplete)
    }

    public static func itemVersion(of assignment: Assignment) -> String {
        itemVersion(status: assignment.status == .notStarted ? nil : assignment.status, response: assignment.response, text: assignment.responseText)
    }

    static func itemVersion(followUpOf activity: ActivityRecord, period: Period) -> String {
        let entry = activity.followUps?.first { $0.period == period }
        return itemVersion(status: entry?.status, comment: entry?.comment, percent: entry?.percentComplete)
    }

    /// One rule for an activity's follow-up version, whichever form (typed or stored) it is read from.
    static func itemVersion(status: ActivityStatus?, comment: String?, percent: Int?) -> String {
        documentFingerprint("\(status?.rawValue ?? "-")\u{1F}\(comment ?? "")" + (percent.map { "\u{1F}\($0)" } ?? ""))
    }

    static func itemVersion(of assignment: AssignmentRecord) -> String {
        itemVersion(status: assignment.status == .notStarted ? nil : assignment.status, response: assignment.response, text: assignment.responseText)
    }

    static func itemVersion(status: ActivityStatus?, response: Assignment.Response?, text: String?) -> String {
        documentFingerprint("\(status?.rawValue ?? "-")\u{1F}\(response?.rawValue ?? "-")\u{1F}\(text ?? "")")
    }
    public struct NoActivityPlan: Error, CustomStringConvertible, Sendable {
        public init() {}
        public var description: String { "Planen har ingen aktivitetsplan i Tertial." }
    }

    public struct StatusInput: Sendable, Hashable {
        public var activityID: String
        public var status: ActivityStatus
        public var comment: String?
        /// How much is done, in percent (0–100); nil: not said.
        public var percentComplete: Int?
        /// `itemVersion(followUpOf:period:)` when the person's form was made; nil: no check.
        public var expectedVersion: String?
        public init(activityID: String, status: ActivityStatus, comment: String?, percentComplete: Int? = nil, expectedVersion: String? = nil) {
            self.activityID = activityID; self.status = status; self.comment = comment; self.percentComplete = percentComplete
            self.expectedVersion = expectedVersion
        }
    }

    public struct AssignmentInput: Sendable, Hashable {
        public var assignmentID: String
        public var status: ActivityStatus
        public var response: Assignment.Response?
        public var responseText: String?
        /// `itemVersion(of:)` when the person's form was made; nil: no check.
        public var expectedVersion: String?
        public init(assignmentID: String, status: ActivityStatus, response: Assignment.Response?, responseText: String?, expectedVersion: String? = nil) {
            self.assignmentID = assignmentID; self.status = status; self.response = response; self.responseText = responseText
            self.expectedVersion = expectedVersion
        }
    }

    /// Saves the period's status and comments and the assignments' responses that changed. Returns how many changed.
    public static func saveFollowUp(planID: String, period: Period, activities: [StatusInput], assignments: [AssignmentInput], expected: String?,
                                    by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Int {
        // A closed period's follow-up is locked (checked before the document's transaction).
        if !activities.isEmpty { try await PeriodLocks.requireOpen(planID: planID, period: period, at: date, on: database) }
        return try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { record in
            var entries: [AuditLog.Entry] = []
            var conflicts: [String] = []
            let label = period.label.lowercased()
            for input in activities {
                guard let index = record.activities.firstIndex(where: { $0.id == input.activityID }) else { continue }
                var followUps = record.activities[index].followUps ?? []
                let old = followUps.firstIndex { $0.period == period }
                let before = old.map { followUps[$0] }
                if before?.status == input.status && before?.comment == input.comment && before?.percentComplete == input.percentComplete { continue }
                // Someone else saved this item after the person's page was made: theirs is kept, this one told.
                if let expected = input.expectedVersion, expected != itemVersion(followUpOf: record.activities[index], period: period) {
                    conflicts.append(input.activityID); continue
                }
                if before == nil && input.status == .notStarted && input.comment == nil && input.percentComplete == nil { continue }
                let entry = ActivityFollowUpRecord(period: period, status: input.status, comment: input.comment, percentComplete: input.percentComplete)
                if let old { followUps[old] = entry } else { followUps.append(entry); followUps.sort { $0.period < $1.period } }
                record.activities[index].followUps = followUps
                let entity = input.activityID
                if before?.status != input.status {
                    entries.append(.init(before == nil ? .create : .update, "aktivitet", entity, field: "status \(label)", old: before?.status.label, new: input.status.label, planID: planID))
                }
                if before?.comment != input.comment {
                    entries.append(.init(.update, "aktivitet", entity, field: "kommentar \(label)", old: before?.comment, new: input.comment, planID: planID))
                }
                if before?.percentComplete != input.percentComplete {
                    entries.append(.init(.update, "aktivitet", entity, field: "andel klart \(label)", old: before?.percentComplete.map { "\($0) %" },
                                         new: input.percentComplete.map { "\($0) %" }, planID: planID))
                }
            }
            for input in assignments {
                guard let index = record.assignments.firstIndex(where: { $0.id == input.assignmentID }) else { continue }
                let before = record.assignments[index]
                let entity = input.assignmentID
                let same = (before.status ?? .notStarted) == input.status && before.response == input.response && before.responseText == input.responseText
                if !same, let expected = input.expectedVersion, expected != itemVersion(of: before) { conflicts.append(entity); continue }
                if (before.status ?? .notStarted) != input.status {
                    entries.append(.init(.update, "uppdrag", entity, field: "status", old: (before.status ?? .notStarted).label, new: input.status.label, planID: planID))
                    record.assignments[index].status = input.status
                }
                if before.response != input.response {
                    entries.append(.init(.update, "uppdrag", entity, field: "svar", old: before.response?.label, new: input.response?.label, planID: planID))
                    record.assignments[index].response = input.response
                }
                if before.responseText != input.responseText {
                    entries.append(.init(.update, "uppdrag", entity, field: "svar, text", old: before.responseText, new: input.responseText, planID: planID))
                    record.assignments[index].responseText = input.responseText
                }
            }
            if !conflicts.isEmpty { throw Conflict(itemIDs: conflicts) }
            return entries
        }
    }

    /// Adds an activity (planners).
    public static func add(_ activity: Activity, planID: String, expected: String?, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        let activity = record(of: activity)
        _ = try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { record in
            record.activities.append(activity)
            return [.init(.create, "aktivitet", activity.id, field: "aktivitet", new: activity.text, planID: planID)]
        }
    }

    public struct HasFollowUps: Error, CustomStringConvertible, Sendable {
        public let text: String
        public var description: String {
            "Aktiviteten \"\(text.prefix(80))\" har följts upp och kan inte tas bort; sätt status Avbruten i stället, så syns den i uppföljningen."
        }
    }
    public struct StillServed: Error, CustomStringConvertible, Sendable {
        public let title: String, activities: Int
        public var description: String {
            "Styrdokumentet \"\(title.prefix(80))\" har \(activities == 1 ? "en aktivitet" : "\(activities) aktiviteter") och kan inte tas bort; koppla loss dem först."
        }
    }
    public struct NoSuchActivity: Error, Sendable { public init() {} }

    /// Changes what an activity is (text, what it serves, responsible, start and due), keeping its
    /// follow-ups. Audited field by field.
    public static func update(_ activity: Activity, planID: String, expected: String?, by actor: Actor, at date: Date = Date(),
                              on database: any Database) async throws -> Int {
        let activity = record(of: activity)
        return try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { record in
            guard let i = record.activities.firstIndex(where: { $0.id == activity.id }) else { throw NoSuchActivity() }
            let before = record.activities[i]
            var after = activity
            after.followUps = before.followUps
            record.activities[i] = after
            func list(_ ids: [String]?) -> String { (ids ?? []).joined(separator: ", ") }
            let fields: [(String, String?, String?)] = [
                ("aktivitet", before.text, after.text), ("mål", list(before.goalIds), list(after.goalIds)),
                ("uppdrag", list(before.assignmentIds), list(after.assignmentIds)), ("styrdokument", list(before.steeringDocumentIds), list(after.steeringDocumentIds)),
                ("ansvarig enhet", before.responsibleUnitId, after.responsibleUnitId), ("ansvarig roll", before.responsibleRole, after.responsibleRole),
                ("start", before.start, after.start), ("klart", before.due, after.due),
            ]
            return fields.filter { ($0.1 ?? "") != ($0.2 ?? "") }.map { field, old, new in
                .init(.update, "aktivitet", activity.id, field: field, old: old, new: new, planID: planID)
            }
        }
    }

    /// Removes an activity that nobody has followed up (one that has is cancelled instead, so the
    /// follow-up keeps it).
    public static func remove(activityID: String, planID: String, expected: String?, by actor: Actor, at date: Date = Date(),
                              on database: any Database) async throws {
        _ = try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { record in
            guard let i = record.activities.firstIndex(where: { $0.id == activityID }) else { throw NoSuchActivity() }
            let activity = record.activities[i]
            guard (activity.followUps ?? []).isEmpty else { throw HasFollowUps(text: activity.text) }
            record.activities.remove(at: i)
            return [.init(.delete, "aktivitet", activityID, field: "aktivitet", old: activity.text, planID: planID)]
        }
    }

    /// Replaces the prioritised steering documents and the digitalisation plan (planners). A steering
    /// document that activities still serve cannot be removed. Audited per document and per list.
    public static func saveOtherPlans(steeringDocuments: [SteeringDocument], digitalisation: DigitalisationPlan?, planID: String,
                                      expected: String?, by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Int {
        let stored = ActivityPlanRecord(ActivityPlan(steeringDocuments: steeringDocuments, digitalisation: digitalisation))
        let steeringDocuments = stored.steeringDocuments ?? [], digitalisation = stored.digitalisation
        return try await change(planID: planID, expected: expected, by: actor, at: date, on: database) { record in
            var entries: [AuditLog.Entry] = []
            let before = Dictionary((record.steeringDocuments ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let after = Set(steeringDocuments.map(\.id))
            for (id, old) in before where !after.contains(id) {
                let serving = record.activities.filter { ($0.steeringDocumentIds ?? []).contains(id) }.count
                guard serving == 0 else { throw StillServed(title: old.title, activities: serving) }
                entries.append(.init(.delete, "styrdokument", id, field: "styrdokument", old: old.title, planID: planID))
            }
            for document in steeringDocuments {
                if let old = before[document.id] {
                    if old != document {
                        entries.append(.init(.update, "styrdokument", document.id, field: "styrdokument", old: describe(old), new: describe(document), planID: planID))
                    }
                } else {
                    entries.append(.init(.create, "styrdokument", document.id, field: "styrdokument", new: describe(document), planID: planID))
                }
            }
            record.steeringDocuments = steeringDocuments.isEmpty ? nil : steeringDocuments
            let oldDigital = record.digitalisation
            let newDigital = digitalisation.flatMap { d in
                [d.currentState, d.desiredState, d.plan].allSatisfy { ($0 ?? []).isEmpty } && d.desiredHorizon == nil ? nil : d
            }
            for (field, old, new) in [("nuläge", oldDigital?.currentState, newDigital?.currentState), ("önskat läge", oldDigital?.desiredState, newDigital?.desiredState),
                                      ("plan", oldDigital?.plan, newDigital?.plan)] where (old ?? []) != (new ?? []) {
                entries.append(.init(.update, "digitaliseringsplan", planID, field: field, old: (old ?? []).joined(separator: "\n"),
                                     new: (new ?? []).joined(separator: "\n"), planID: planID))
            }
            if oldDigital?.desiredHorizon != newDigital?.desiredHorizon {
                entries.append(.init(.update, "digitaliseringsplan", planID, field: "tidshorisont", old: oldDigital?.desiredHorizon, new: newDigital?.desiredHorizon, planID: planID))
            }
            record.digitalisation = newDigital
            return entries
        }
    }

    /// An activity as the activity plan stores it (the interchange record, written by the one adapter).
    static func record(of activity: Activity) -> ActivityRecord {
        ActivityPlanRecord(ActivityPlan(activities: [activity])).activities[0]
    }

    static func describe(_ d: SteeringDocumentRecord) -> String {
        [d.kind.map { "\($0): " }.map { $0 + d.title } ?? d.title, d.adoptedBy, d.adopted, d.validThrough.map { "t.o.m. \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    /// Read, change, check with the import's rules, write and audit (`PerPlanDocument`). A plan without
    /// an activity plan gets one with its first activity or steering document.
    static func change(planID: String, expected: String?, by actor: Actor, at date: Date, on database: any Database,
                       _ body: @escaping @Sendable (inout ActivityPlanRecord) throws -> [AuditLog.Entry]) async throws -> Int {
        try await PerPlanDocument.change(PlanActivityPlanModel.self, planID: planID, by: actor, at: date, on: database, noPlan: NoActivityPlan(),
                                         empty: { _ in ActivityPlanRecord() }) { record, db in
            if let expected, expected != fingerprint(record.typed().0) { throw Conflict() }
            let entries = try body(&record)
            guard !entries.isEmpty else { return [] }
            // What the activity plan may refer to, read from its own rows (not the whole plan).
            guard let plan = try await PlanModel.find(planID, on: db) else { throw NoActivityPlan() }
            let problems = record.activityPlan(references: ActivityPlanReferences(
                unitIDs: Set(try await OrgUnitModel.query(on: db).filter(\.$municipalityID == plan.municipalityID).all().compactMap(\.id)),
                goalIDs: Set(try await PlanGoalModel.query(on: db).filter(\.$planID == planID).all().map(\.goalID)),
                goalAreaIDs: Set(try await PlanGoalAreaModel.query(on: db).filter(\.$planID == planID).all().map(\.goalAreaID)),
                budgetYear: plan.budgetYear)).problems
            guard problems.isEmpty else { throw InterchangeError(problems) }
            return entries
        }
    }
}

/// FNV-1a of a stored document's text: equal documents, equal fingerprints; a form carries it to tell
/// whether the document changed after the form was made.
func documentFingerprint(_ text: String) -> String {
    var hash: UInt64 = 0xcbf29ce484222325
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
    return String(hash, radix: 16)
}

/// Locks a plan's row of a per-plan document table for the rest of the transaction on PostgreSQL, so
/// two read-modify-writes of the same document queue instead of one overwriting the other. (On
/// SQLite `writeTransaction` already holds the database's write lock.)
func lockRow(_ table: String, planID: String, on db: any Database) async throws {
    guard let sql = db.postgres else { return }
    try await sql.raw("SELECT plan_id FROM \(ident: table) WHERE plan_id = \(bind: planID) FOR UPDATE").run()
}
