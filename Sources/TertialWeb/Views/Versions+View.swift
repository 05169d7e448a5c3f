import Plot
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import Vapor

/// The pages of `VersionsController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension VersionsController {
    /// The versions, "which version applied on a day", and the differences between two versions.
    static func page(_ req: Request, planID: String, title planTitle: String, versions: [PlanVersions.Summary], choices: [(String, String)], from: String, to: String,
                     changes: [PlanDiff.Change]?, askedDate: String?, answer: String?) -> PageShell {
        PageShell(title: "Versioner – \(planTitle)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: planTitle, url: .plan(id: planID)), Breadcrumb(title: "Versioner", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Versioner av \(planTitle)")),
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
        ))
    }
}
