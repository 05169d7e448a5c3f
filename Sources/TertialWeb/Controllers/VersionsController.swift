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
        return PageShell(title: "Versioner – \(plan.title)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: planID)), Breadcrumb(title: "Versioner", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Versioner av \(plan.title)")),
            .p(.text("När planen fastställs fryses den som en version som aldrig ändras. Senare ändringar syns nedan som skillnader mot den fastställda versionen.")),
            .if(versions.isEmpty, .p("Planen har ännu inte fastställts.")),
            .if(!versions.isEmpty, .table(
                .caption("Versioner"),
                .thead(.tr(.forEach(["Version", "Status", "Beslutsdatum", "Skapad", "Av", "Fil"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.forEach(versions) { v in
                    .tr(.th(.attribute(named: "scope", value: "row"), .text(String(v.number))), .td(.text(v.status.label)), .td(.text(v.decisionDate ?? "")),
                        .td(.text(SwedishDate.dateTime(v.createdAt))), .td(.text(v.createdBy)),
                        .td(.a(.href(SiteURL.planVersionFile(id: planID, number: v.number).path), .attribute(named: "aria-label", value: "Version \(v.number) som JSON"), .text("JSON")),
                            .text(" · "),
                            .a(.href("\(SiteURL.planDocument(id: planID).path)?format=docx&version=\(v.number)".attributeEscaped),
                               .attribute(named: "aria-label", value: "Version \(v.number) som Word"), .text("Word")),
                            .text(" · "),
                            .a(.href("\(SiteURL.planDocument(id: planID).path)?format=pdf&version=\(v.number)".attributeEscaped),
                               .attribute(named: "aria-label", value: "Version \(v.number) som PDF"), .text("PDF"))))
                }))),
            .h2("Vilken version gällde?"),
            .form(.method(.get), .action(SiteURL.planVersions(id: planID).path),
                  Forms.field("datum", label: "Datum", value: askedDate ?? "", hint: "ÅÅÅÅ-MM-DD"), .button(.type(.submit), .text("Visa"))),
            .unwrap(answer) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0)) },
            .h2("Jämför"),
            .form(.method(.get), .action(SiteURL.planVersions(id: planID).path),
                  Forms.select("fran", label: "Från", choices: choices, chosen: from), Forms.select("till", label: "Till", choices: choices, chosen: to), .button(.type(.submit), .text("Jämför"))),
            .unwrap(changes) { changes in
                changes.isEmpty ? .p(.text("Inga skillnader.")) : scrollableTable(label: "Skillnader", .table(
                    .caption(.text(changes.count == 1 ? "1 skillnad" : "\(changes.count) skillnader")),
                    .thead(.tr(.forEach(["Vad", "Ändring", "Före", "Efter"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                    .tbody(.forEach(changes) { c in
                        .tr(.th(.attribute(named: "scope", value: "row"), .text(c.place)),
                            .td(.text(c.kind == .added ? "Tillagd" : c.kind == .removed ? "Borttagen" : "Ändrad")),
                            .td(.class("diff-old"), .text(c.old ?? "")), .td(.class("diff-new"), .text(c.new ?? "")))
                    })))
            }
        )).response()
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

/// Dates and times as Swedish readers expect them: 2024-03-15 14:05 (Stockholm time).
enum SwedishDate {
    static func dateTime(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "sv_SE")
        formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
