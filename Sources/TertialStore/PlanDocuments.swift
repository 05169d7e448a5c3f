import FluentKit
import Foundation
import SQLKit
import TertialCore
import TertialDocuments
import TertialInterchange

/// Gathers what a document needs from the database: the plan (live, or a frozen version), a statement
/// of which version that is, and for a follow-up report what people have assessed for the period.
public enum PlanDocuments {
    public struct NoSuchVersion: Error, CustomStringConvertible, Sendable {
        public let planID: String, number: Int
        public var description: String { "planen \"\(planID)\" har ingen version \(number)" }
    }

    /// The plan's document. `version` picks a frozen version; without it the live plan is used and the
    /// cover says whether it is still identical to the latest frozen version.
    public static func plan(planID: String, version: Int? = nil, on db: any Database) async throws -> Document {
        let (document, source) = try await load(planID: planID, version: version, on: db)
        return PlanDocumentBuilder.build(document, source: source)
    }

    /// A follow-up report for the live plan: tertial 1, delår or helår of `year`.
    /// Comparisons come from Kolada's values as of `koladaSnapshot` (the latest when nil); the cover names it.
    public static func report(planID: String, kind: ReportKind, year: Int, koladaSnapshot: Int? = nil, on db: any Database) async throws -> Document {
        let (document, source) = try await load(planID: planID, version: nil, on: db)
        let history = try await Assessments.history(planID: planID, period: kind.period(year), on: db)
        let followUps = history.compactMapValues { entries in
            entries.last.map { GoalFollowUp(override: $0.assessment.override, reason: $0.assessment.reason, analysis: $0.analysis) }
        }
        let kolada = try await KoladaValues.reportPart(document, snapshot: koladaSnapshot, on: db)
        return FollowUpReportBuilder.build(document, kind: kind, year: year, followUps: followUps, source: source, kolada: kolada)
    }

    /// The municipality's report for the period: the report of every committee's plan (plans owned by
    /// the board or a committee whose years include `year`; unit plans roll up into them) in one document,
    /// a section per committee in the plans' order, with the plans it was built from (to audit the
    /// download). Nil when the municipality does not exist.
    public static func municipalityReport(municipalityID: String, kind: ReportKind, year: Int,
                                          on db: any Database) async throws -> (document: Document, plans: [PlanModel])? {
        guard let municipality = try await MunicipalityModel.find(municipalityID, on: db) else { return nil }
        let committees = try await OrgUnitModel.query(on: db).filter(\.$municipalityID == municipalityID)
            .filter(\.$kind ~~ [OrgUnitKind.committee.rawValue, OrgUnitKind.board.rawValue]).all()
        let names = Dictionary(committees.map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let plans = try await PlanModel.query(on: db).filter(\.$municipalityID == municipalityID)
            .filter(\.$ownerUnitID ~~ Array(names.keys)).filter(\.$firstYear <= year).filter(\.$lastYear >= year).sort(\.$position).all()
        // Each committee's report is read and built on its own, a few at a time (reading waits for the
        // database, building uses a core); the sections keep the plans' order.
        var reports: [Int: Document] = [:]
        try await withThrowingTaskGroup(of: (Int, Document).self) { group in
            var next = 0
            func start() {
                guard next < plans.count else { return }
                let (index, planID) = (next, plans[next].id!)
                group.addTask { (index, try await report(planID: planID, kind: kind, year: year, on: db)) }
                next += 1
            }
            for _ in 0..<min(4, plans.count) { start() }
            while let (index, document) = try await group.next() {
                reports[index] = document
                start()
            }
        }
        let sections = plans.enumerated().map { index, plan in
            let report = reports[index]!
            return Section(names[plan.ownerUnitID] ?? report.cover.committee,
                           blocks: [.paragraph("\(report.cover.title). \(report.cover.source).")],
                           children: report.sections)
        }
        let cover = Document.Cover(municipality: municipality.name, committee: municipality.name, title: "\(kind.title) – kommunens nämnder",
                                   period: kind.period(year).label, status: "Sammanställning",
                                   decision: nil, source: "Nämndernas rapporter ur \(plans.count) \(plans.count == 1 ? "plan" : "planer")")
        return (Document(cover: cover, numbered: false, sections: sections), plans)
    }

    /// A file name for the download: "Nämndplan 2024-2025 – Socialnämnden.docx" made safe for every system.
    public static func fileName(_ document: Document, format: DocumentFormat) -> String {
        let base = "\(document.cover.title) – \(document.cover.committee)"
        let safe = base.map { "/\\:*?\"<>|".contains($0) || $0.isNewline ? "-" : String($0) }.joined()
        return "\(safe).\(format.fileExtension)"
    }

    static func load(planID: String, version: Int?, on db: any Database) async throws -> (PlanDocument, String) {
        let versions = try await PlanVersions.list(planID: planID, on: db)
        if let version {
            guard let data = try await PlanVersions.data(planID: planID, number: version, on: db),
                  let summary = versions.first(where: { $0.number == version }) else { throw NoSuchVersion(planID: planID, number: version) }
            return (try InterchangeCodec.decode(data), describe(summary))
        }
        // The live plan at a revision never changes: every audited write bumps the plan's revision (or,
        // outside plans, the global one) in its transaction, and freezing adds a version.
        let key = try await PlanReadCache.Key(planID: planID, latestVersion: versions.last?.number ?? 0, on: db)
        if let known = PlanReadCache.shared.read(key) { return known }
        let live = try await PlanExporter.document(planID: planID, on: db)
        let result: (PlanDocument, String)
        if let latest = versions.last {
            let frozen = try await PlanVersions.data(planID: planID, number: latest.number, on: db)
            result = frozen == InterchangeCodec.encode(live) ? (live, describe(latest)) : (live, "Arbetsversion, ändrad efter planversion \(latest.number)")
        } else {
            result = (live, "Arbetsversion; planen har ingen fryst version")
        }
        PlanReadCache.shared.store(result, for: key)
        return result
    }

    /// What the public sees of an adopted plan: its latest adopted version — goals, indicators and
    /// targets as the committee decided them, whatever planners have changed since — with the values
    /// reported since then (follow-up is public as the plan is). Nil when no adopted version exists.
    public static func publicView(planID: String, on db: any Database) async throws -> (document: PlanDocument, version: PlanVersions.Summary)? {
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
        return (frozen, latest)
    }

    /// The public's document of a plan: the adopted version with today's values (see `publicView`).
    public static func publicPlan(planID: String, on db: any Database) async throws -> Document {
        guard let (document, version) = try await publicView(planID: planID, on: db) else { return try await plan(planID: planID, on: db) }
        return PlanDocumentBuilder.build(document, source: describe(version))
    }

    static func describe(_ summary: PlanVersions.Summary) -> String {
        var text = "Planversion \(summary.number) (\(summary.status.label.lowercased())"
        if let date = summary.decisionDate { text += " \(date)" }
        return text + ")"
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
    private var entries: [String: (key: Key, value: (PlanDocument, String), used: UInt64)] = [:]
    private var clock: UInt64 = 0

    init(capacity: Int) { self.capacity = capacity }

    func read(_ key: Key) -> (PlanDocument, String)? {
        lock.lock(); defer { lock.unlock() }
        guard let entry = entries[key.database + "/" + key.planID], entry.key == key, !key.database.isEmpty else { return nil }
        clock += 1
        entries[key.database + "/" + key.planID]!.used = clock
        return entry.value
    }

    func store(_ value: (PlanDocument, String), for key: Key) {
        lock.lock(); defer { lock.unlock() }
        clock += 1
        entries[key.database + "/" + key.planID] = (key, value, clock)
        if entries.count > capacity, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key { entries[oldest] = nil }
    }
}
