import Plot
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import Vapor

/// The plan's frozen versions, each downloadable byte for byte, and what changed between any
/// two of them (or between a version and the plan as it is now).
enum VersionsController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let planID = facts.plan.id!
        let versions = try await PlanVersions.list(planID: planID, on: req.store)
        let current = try await PlanExporter.document(planID: planID, on: req.store)
        let from = req.query[String.self, at: "fran"] ?? versions.last.map { String($0.number) } ?? "aktuell"
        let to = req.query[String.self, at: "till"] ?? "aktuell"
        func document(_ choice: String) async throws -> PlanDocument? {
            if choice == "aktuell" { return current }
            guard let number = Int(choice), let data = try await PlanVersions.data(planID: planID, number: number, on: req.store) else { return nil }
            return try? InterchangeCodec.decode(data)
        }
        let changes: [PlanDiff.Change]?
        if let a = try await document(from), let b = try await document(to) { changes = PlanDiff.changes(from: a, to: b) } else { changes = nil }
        let choices = versions.map { (String($0.number), "Version \($0.number) (\($0.status.label.lowercased())\($0.decisionDate.map { ", beslut \($0)" } ?? ""))") }
            + [("aktuell", "Planen som den är nu")]
        let plan = current.plan
        // "Which version had the committee adopted on this day?"
        let askedDate = req.query[String.self, at: "datum"].flatMap { PlanValidator.isISODate($0) ? $0 : nil }
        var answer: String?
        if let askedDate {
            if let version = try await PlanVersions.adopted(planID: planID, on: askedDate, on: req.store) {
                answer = "Den \(askedDate) gällde version \(version.number), fastställd \(version.decisionDate ?? "")."
            } else {
                answer = "Ingen version med beslutsdatum på eller före \(askedDate) finns."
            }
        }
        return page(req, planID: planID, title: plan.title, versions: versions, choices: choices, from: from, to: to, changes: changes, askedDate: askedDate, answer: answer).response()
    }

    /// A frozen version exactly as it was exported when it was made.
    @Sendable static func file(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        guard let number = req.parameters.get("number", as: Int.self),
              let data = try await PlanVersions.data(planID: facts.plan.id!, number: number, on: req.store) else { throw Abort(.notFound) }
        try await AuditLog.recordExport(of: facts.plan, entity: "planversion", id: "\(facts.plan.id!)#\(number)", as: "json", by: req.actor, on: req.store)
        return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8",
                                               "Content-Disposition": "attachment; filename=\"\(facts.plan.id!)-version-\(number).json\""],
                        body: .init(data: data))
    }
}
