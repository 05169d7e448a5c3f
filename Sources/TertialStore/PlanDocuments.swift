import FluentKit
import Foundation
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
    public static func report(planID: String, kind: ReportKind, year: Int, on db: any Database) async throws -> Document {
        let (document, source) = try await load(planID: planID, version: nil, on: db)
        let history = try await Assessments.history(planID: planID, period: kind.period(year), on: db)
        let followUps = history.compactMapValues { entries in
            entries.last.map { GoalFollowUp(override: $0.assessment.override, reason: $0.assessment.reason, analysis: $0.analysis) }
        }
        return FollowUpReportBuilder.build(document, kind: kind, year: year, followUps: followUps, source: source)
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
        let live = try await PlanExporter.document(planID: planID, on: db)
        guard let latest = versions.last else { return (live, "Arbetsversion; planen har ingen fryst version") }
        let frozen = try await PlanVersions.data(planID: planID, number: latest.number, on: db)
        if frozen == InterchangeCodec.encode(live) { return (live, describe(latest)) }
        return (live, "Arbetsversion, ändrad efter planversion \(latest.number)")
    }

    static func describe(_ summary: PlanVersions.Summary) -> String {
        var text = "Planversion \(summary.number) (\(summary.status.label.lowercased())"
        if let date = summary.decisionDate { text += " \(date)" }
        return text + ")"
    }
}
