import Foundation
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The documents people download: a plan (live, or a frozen version) with a statement of which
/// version it is, a follow-up report with what people have assessed for the period, and the
/// municipality's report of every committee. Reads come from the store as typed plans.
public enum PlanDocuments {
    /// The plan's document. `version` picks a frozen version; without it the live plan is used and the
    /// cover says whether it is still identical to the latest frozen version.
    public static func plan(planID: String, version: Int? = nil, on db: StoreHandle) async throws -> Document {
        let (plan, source) = try await PlanReads.plan(planID: planID, version: version, on: db)
        return PlanDocumentBuilder.build(plan, source: source)
    }

    /// A follow-up report for the live plan: tertial 1, delår or helår of `year`.
    /// Comparisons come from Kolada's values as of `koladaSnapshot` (the latest when nil); the cover names it.
    public static func report(planID: String, kind: ReportKind, year: Int, koladaSnapshot: Int? = nil, on db: StoreHandle) async throws -> Document {
        let (plan, source) = try await PlanReads.plan(planID: planID, version: nil, on: db)
        let history = try await Assessments.history(planID: planID, period: kind.period(year), on: db)
        let followUps = history.compactMapValues { entries in
            entries.last.map { GoalFollowUp(override: $0.assessment.override, reason: $0.assessment.reason, analysis: $0.analysis) }
        }
        let kolada = try await KoladaValues.comparisons(plan, snapshot: koladaSnapshot, on: db).map(KoladaTables.reportPart)
        // Whether the figures can still change: made from a closed period, or from an open one.
        let closed = try await PeriodLocks.closure(planID: planID, locking: kind.period(year), on: db)
        let state = closed.map { "Underlaget är låst: \($0.closedPeriod.label.lowercased()) stängdes \(Day($0.since))" }
            ?? "Perioden är inte stängd; siffrorna kan ännu ändras"
        var document = FollowUpReportBuilder.build(plan, kind: kind, year: year, followUps: followUps, source: "\(source). \(state)", kolada: kolada)
        if let contributions = try await unitContributions(plan, period: kind.period(year), on: db) {
            document.cover.source += ". \(contributions.summary)"
            document.sections.append(contributions.section)
        }
        return document
    }

    /// Where the period is open for reporting, the units' reports for the committee's part of the
    /// organisation (its own unit and those below): each unit's state, and the goal analyses of the units'
    /// approved reports — what the committee's report is assembled from. Nil when no round is open.
    static func unitContributions(_ plan: Plan, period: Period, on db: StoreHandle) async throws -> (summary: String, section: Section)? {
        let parents = UnitTree.parents(try await Catalogue.units(on: db).filter { $0.municipalityID == plan.municipality.id })
        let tasks = try await ReportingRounds.tasks(municipalityID: plan.municipality.id, period: period, gaps: false, on: db)
            .filter { UnitTree.chain(of: $0.unitID, parents: parents).contains(plan.ownerUnitID) }
        guard !tasks.isEmpty else { return nil }
        let table = Table(name: "Enheternas rapporter", caption: "Enheternas rapporter \(period.label)", header: ["Enhet", "Läge", "Senast ändrad", "Kommentar"], numericColumns: [],
                          rows: tasks.map { task in
                              Row([Cell(task.unitName), Cell(task.state.label), Cell("\(Day(task.updatedAt))"),
                                   Cell(task.state == .returned ? task.comment ?? "" : "")])
                          })
        var children: [Section] = []
        for task in tasks where task.state == .approved {
            var blocks: [Block] = []
            for source in task.plans where source.id != plan.id {
                let unitPlan = try await PlanReads.plan(source.id, on: db)
                let history = try await Assessments.history(planID: source.id, period: period, on: db)
                for goal in unitPlan.goals where goal.isActive {
                    guard let analysis = history[goal.id]?.last?.analysis, !analysis.isEmpty else { continue }
                    blocks += [.subheading(goal.title), .paragraph(analysis)]
                }
            }
            if !blocks.isEmpty { children.append(Section("\(task.unitName) (godkänd \(Day(task.updatedAt)))", blocks: blocks)) }
        }
        let approved = tasks.filter { $0.state == .approved }.count
        return ("Enheternas rapporter: \(approved) av \(tasks.count) godkända",
                Section("Enheternas rapporter", blocks: [.paragraph("Rapporten bygger på enheternas rapporter för \(period.label); "
                    + "de godkända enheternas analyser följer nedan."), .table(table)], children: children))
    }

    /// The municipality's report for the period: the report of every committee's plan (plans owned by
    /// the board or a committee whose years include `year`; unit plans roll up into them) in one document,
    /// a section per committee in the plans' order, with the plans it was built from (to audit the
    /// download). Nil when the municipality does not exist.
    public static func municipalityReport(municipalityID: String, kind: ReportKind, year: Int,
                                          on db: StoreHandle) async throws -> (document: Document, plans: [PlanModel])? {
        guard let (municipality, committeePlans) = try await PlanReads.committeePlans(municipalityID: municipalityID, year: year, on: db) else { return nil }
        let plans = committeePlans.map(\.plan)
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
            return Section(committeePlans[index].ownerName,
                           blocks: [.paragraph("\(report.cover.title). \(report.cover.source).")],
                           children: report.sections)
        }
        let cover = Document.Cover(municipality: municipality, committee: municipality, title: "\(kind.title) – kommunens nämnder",
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

    /// The public's document of a plan: the adopted version with today's values (see `publicView`).
    public static func publicPlan(planID: String, on db: StoreHandle) async throws -> Document {
        guard let (plan, version) = try await PlanReads.publicView(planID: planID, on: db) else { return try await plan(planID: planID, on: db) }
        return PlanDocumentBuilder.build(plan, source: PlanReads.describe(version))
    }
}
