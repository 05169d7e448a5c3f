import FluentKit
import Foundation
import SQLKit
import TertialCore
import TertialInterchange

/// The typed plan as the layers above read it: the live plan (cached per revision), a frozen
/// version, or what the public sees of an adopted plan, each with a statement of which version it is.
public enum PlanReads {
    public struct NoSuchVersion: Error, CustomStringConvertible, Sendable {
        public let planID: String, number: Int
        public var description: String { "planen \"\(planID)\" har ingen version \(number)" }
    }

    /// The live plan.
    public static func plan(_ planID: String, on db: any Database) async throws -> Plan {
        try await plan(planID: planID, version: nil, on: db).plan
    }

    /// The plan (`version` picks a frozen version, else the live plan) and the statement of which
    /// version it is: for the live plan, whether it is still identical to the latest frozen version.
    public static func plan(planID: String, version: Int?, on db: any Database) async throws -> (plan: Plan, source: String) {
        try await load(planID: planID, version: version, on: db)
    }

    static func load(planID: String, version: Int?, on db: any Database) async throws -> (Plan, String) {
        let versions = try await PlanVersions.list(planID: planID, on: db)
        if let version {
            guard let data = try await PlanVersions.data(planID: planID, number: version, on: db),
                  let summary = versions.first(where: { $0.number == version }) else { throw NoSuchVersion(planID: planID, number: version) }
            return (typed(try InterchangeCodec.decode(data)), describe(summary))
        }
        // The live plan at a revision never changes: every audited write bumps the plan's revision (or,
        // outside plans, the global one) in its transaction, and freezing adds a version.
        let key = try await PlanReadCache.Key(planID: planID, latestVersion: versions.last?.number ?? 0, on: db)
        if let known = PlanReadCache.shared.read(key) { return known }
        let live = try await PlanExporter.document(planID: planID, on: db)
        let result: (Plan, String)
        if let latest = versions.last {
            let frozen = try await PlanVersions.data(planID: planID, number: latest.number, on: db)
            result = isSame(frozen, as: live) ? (typed(live), describe(latest)) : (typed(live), "Arbetsversion, ändrad efter planversion \(latest.number)")
        } else {
            result = (typed(live), "Arbetsversion; planen har ingen fryst version")
        }
        PlanReadCache.shared.store(result, for: key)
        return result
    }

    /// Whether the live plan is still identical to its frozen version `number`.
    public static func isUnchanged(planID: String, since number: Int, on db: any Database) async throws -> Bool {
        isSame(try await PlanVersions.data(planID: planID, number: number, on: db), as: try await PlanExporter.document(planID: planID, on: db))
    }

    /// A frozen version and the live plan are the same when the version comparison finds no
    /// difference (the same rule as the *Versioner* page): not when their bytes are equal — a file
    /// that lists its units or goals in another order than Tertial writes them is the same plan.
    static func isSame(_ frozen: Data?, as live: PlanDocument) -> Bool {
        guard let frozen else { return false }
        if frozen == InterchangeCodec.encode(live) { return true }
        guard let document = try? InterchangeCodec.decode(frozen) else { return false }
        return PlanDiff.changes(from: document, to: live).isEmpty
    }

    /// What the public sees of an adopted plan: its latest adopted version — goals, indicators and
    /// targets as the committee decided them, whatever planners have changed since — with the values
    /// reported since then (follow-up is public as the plan is). Nil when no adopted version exists.
    public static func publicView(planID: String, on db: any Database) async throws -> (plan: Plan, version: PlanVersions.Summary)? {
        try await publicDocument(planID: planID, on: db).map { (typed($0.document), $0.version) }
    }

    /// `publicView` as the interchange document (what a published edition freezes). `withFollowUp`
    /// adds the goal assessments people have made since (a report's analyses).
    public static func publicDocument(planID: String, withFollowUp: Bool = false, on db: any Database) async throws
        -> (document: PlanDocument, version: PlanVersions.Summary)? {
        guard let latest = try await PlanVersions.list(planID: planID, on: db).last(where: { $0.status == .adopted }),
              let data = try await PlanVersions.data(planID: planID, number: latest.number, on: db) else { return nil }
        var frozen = try InterchangeCodec.decode(data)
        let live = try await PlanExporter.document(planID: planID, on: db)
        let liveIndicators = Dictionary(live.goals.flatMap(\.indicators).map { ($0.id, $0.values) }, uniquingKeysWith: { a, _ in a })
        let liveMeasures = Dictionary(live.trackingMeasures.map { ($0.id, $0.values) }, uniquingKeysWith: { a, _ in a })
        for g in frozen.goals.indices {
            for i in frozen.goals[g].indicators.indices {
                if let values = liveIndicators[frozen.goals[g].indicators[i].id] { frozen.goals[g].indicators[i].values = values }
            }
        }
        for m in frozen.trackingMeasures.indices {
            if let values = liveMeasures[frozen.trackingMeasures[m].id] { frozen.trackingMeasures[m].values = values }
        }
        // The adopted budget with the monthly follow-up reported since (follow-up lines the adopted
        // budget does not have are left out: they belong to the working version).
        if var economy = frozen.economy, let liveEconomy = live.economy {
            let (typed, _) = economy.economy()
            economy.followUps = liveEconomy.followUps.filter { entry in
                typed.budget(entry.budgetId)?.followedUpLines.contains { $0.id == entry.lineId } == true
            }
            frozen.economy = economy
        }
        // The adopted activities and assignments with the follow-up reported since (status, comments,
        // responses); activities added after the adoption belong to the working version.
        if var plan = frozen.activityPlan, let live = live.activityPlan {
            let activities = Dictionary(live.activities.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            let assignments = Dictionary(live.assignments.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for i in plan.activities.indices { if let now = activities[plan.activities[i].id] { plan.activities[i].followUps = now.followUps } }
            for i in plan.assignments.indices {
                if let now = assignments[plan.assignments[i].id] {
                    plan.assignments[i].status = now.status; plan.assignments[i].response = now.response; plan.assignments[i].responseText = now.responseText
                }
            }
            frozen.activityPlan = plan
        }
        // The adopted internal control plan with the control results reported since.
        if var control = frozen.internalControl, let live = live.internalControl {
            let results = Dictionary(live.risks.flatMap { $0.controls ?? [] }.map { ($0.id, $0.results) }, uniquingKeysWith: { a, _ in a })
            for r in control.risks.indices {
                for c in (control.risks[r].controls ?? []).indices {
                    if let now = results[control.risks[r].controls![c].id] { control.risks[r].controls![c].results = now }
                }
            }
            frozen.internalControl = control
        }
        if withFollowUp { frozen.assessments = live.assessments }
        return (frozen, latest)
    }

    public static func describe(_ summary: PlanVersions.Summary) -> String {
        var text = "Planversion \(summary.number) (\(summary.status.label.lowercased())"
        if let date = summary.decisionDate { text += " \(date)" }
        return text + ")"
    }

    /// The document a stored plan or version is read into: a stored plan has passed the import's
    /// rules, so a problem here means a rule changed after it was written; what still reads is shown.
    static func typed(_ document: PlanDocument) -> Plan {
        document.typedKeepingWhatReads().plan
    }
}

/// Live plans as documents read them, with the statement of their version, kept per plan revision
/// (at most `capacity` plans, the least recently read dropped first). A 150-indicator plan takes
/// about 80 ms to read and compare with its frozen version; a hit takes one query.
final class PlanReadCache: @unchecked Sendable {
    struct Key: Hashable {
        let database: String, planID: String, revision: Int64, globalRevision: Int64, latestVersion: Int
        init(planID: String, latestVersion: Int, on db: any Database) async throws {
            let sql = db as! any SQLDatabase
            let row = try await sql.raw("""
                SELECT revision, (SELECT n FROM write_lock WHERE id = 1) AS global_revision,
                       (SELECT identity FROM database_identity WHERE id = 1) AS database_identity FROM plans WHERE id = \(bind: planID)
                """).first()
            self.database = try row?.decode(column: "database_identity", as: String?.self) ?? ""
            self.planID = planID
            self.revision = try row?.decode(column: "revision", as: Int64?.self) ?? 0
            self.globalRevision = try row?.decode(column: "global_revision", as: Int64?.self) ?? 0
            self.latestVersion = latestVersion
        }
    }

    static let shared = PlanReadCache(capacity: 48)
    let capacity: Int
    private let lock = NSLock()
    private var entries: [String: (key: Key, value: (Plan, String), used: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = capacity }

    func read(_ key: Key) -> (Plan, String)? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[key.database + "/" + key.planID], entry.key == key, !key.database.isEmpty else { return nil }
        clock += 1
        entries[key.database + "/" + key.planID]!.used = clock
        return entry.value
    }

    func store(_ value: (Plan, String), for key: Key) {
        lock.lock(); defer { lock.unlock() }
        clock += 1
        entries[key.database + "/" + key.planID] = (key, value, clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key { entries[oldest] = nil }
    }
}
