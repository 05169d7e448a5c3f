import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `TextController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension TextController {
    /// The form for one section's text: a heading of the outline (`key`), or a new section of the plan's
    /// own (`key` nil: its heading, and where it stands, are asked for).
    static func form(_ req: Request, _ document: Plan, key: Entry?, text: String, after: String, error: String?, newHeading: String = "") -> PageShell {
        let plan = document
        let title = key.map { "Ändra text: \($0.title)" } ?? "Nytt avsnitt"
        // Where an own section may stand: under any heading of the outline but itself.
        let places = [("", "Efter avsnittet före det i planens ordning")]
            + headings(document).filter { $0.key != key?.key }.map { ($0.key, "Under " + String(repeating: "– ", count: $0.depth - 1) + $0.title) }
        return PageShell(title: title, breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                   Breadcrumb(title: "Texter", url: .planTexts(id: plan.id)), Breadcrumb(title: key?.title ?? "Nytt avsnitt", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text(title)),
            Forms.errorSummary(error.map { [$0] } ?? []),
            .p(.class("hint"), .text("Tom rad mellan stycken. \"## \" före en rubrik, \"- \" före en punkt, \"1. \" för en numrerad lista, **fet** och *kursiv* text. "
                                     + "HTML visas som text. Töm rutan för att ta bort texten.")),
            .form(.method(.post), .action(SiteURL.planTextEdit(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .unwrap(key, { .input(.type(.hidden), .name("rubrik"), .value($0.key.attributeEscaped)) },
                        else: .group(.input(.type(.hidden), .name("ny"), .value("1")),
                                     Forms.field("rubrik", label: "Rubrik", value: newHeading, required: true,
                                                 hint: "Rubriken som avsnittet skrivs ut under, till exempel \"Verksamhetens förutsättningar\"."))),
                .if(key?.isOwn ?? true, Forms.select("placering", label: "Placering", choices: places, chosen: after)),
                .if(key?.isOwn ?? true, .p(.class("hint"), .text("Ett avsnitt kan stå direkt under en tabell: välj avsnittet som har tabellen."))),
                .div(.class(error == nil ? "field" : "field has-error"), .label(.for("f-text"), .text("Text")),
                     .textarea(.id("f-text"), .name("text"), .rows(18), .text(text))),
                .button(.type(.submit), .class("primary"), .text(key == nil ? "Lägg till avsnittet" : "Spara texten"))),
            .if(!text.isEmpty, .section(.h2("Så här visas texten"), FormattedTextView.nodes(text, headingLevel: 3)))))
    }

    /// The plan's own column headings over its goal tables; an empty field is the template's heading.
    static func headingsForm(_ req: Request, _ document: Plan, typed: [String: String], error: (field: String, message: String)?) -> PageShell {
        let plan = document
        let template = DocumentTemplate.forPlan(municipalityID: plan.municipality.id, kind: plan.kind).headings
        func field(_ key: String, _ label: String, _ standard: String, _ hint: String) -> Node<HTML.FormContext> {
            Forms.field(key, label: label, value: typed[key] ?? "", error: error?.field == key ? error?.message : nil,
                        hint: "\(hint) Tomt: mallens \"\(standard)\".")
        }
        return PageShell(title: "Kolumnrubriker", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                              Breadcrumb(title: "Texter", url: .planTexts(id: plan.id)), Breadcrumb(title: "Kolumnrubriker", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Kolumnrubriker i måltabellerna – \(plan.title)")),
            Forms.errorSummary(error.map { [$0.message] } ?? []),
            .p(.class("hint"), .text("Rubrikerna över indikatorernas kolumner, som planen skriver dem. {year} ersätts med målets år, {period} med värdets period och {kind} med Utfall eller Prognos.")),
            .form(.method(.post), .action(SiteURL.planTextEdit(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("kolumnrubriker"), .value("1")),
                field("baseline", "Utgångsläge", template.baseline, "Till exempel \"Utgångsläge\"."),
                field("value", "Värden", template.value, "Till exempel \"{kind} {period}\"."),
                field("target", "Mål", template.target, "Till exempel \"Riktning {year}\"."),
                .button(.type(.submit), .class("primary"), .text("Spara rubrikerna")))))
    }

    /// The plan's text sections in the order its document prints them — the template's and the plan's
    /// own — each with its edit link.
    static func page(_ req: Request, _ document: Plan, mayPlan: Bool, saved: String?) -> PageShell {
        let plan = document, texts = document.textSections ?? []
        return PageShell(title: "Texter – \(plan.title)", breadcrumbs: EditController.crumbs(plan, "Texter"), context: req.pageContext, content: .div(
            .h1(.text("Planens texter – \(plan.title)")),
            .unwrap(saved) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Texten under \"\($0)\" är sparad.")) },
            .p(.class("hint"), .text("Avsnitten i den ordning planen skriver ut dem: mallens avsnitt och planens egna. Tabeller och mål visas på sina egna sidor.")),
            .if(mayPlan, .p(.a(.class("button"), .href((SiteURL.planTextEdit(id: plan.id).path + "?ny=1").attributeEscaped), .text("Lägg till ett avsnitt")),
                            .text(" "), .a(.href((SiteURL.planTextEdit(id: plan.id).path + "?kolumnrubriker=1").attributeEscaped), .text("Kolumnrubriker i måltabellerna")))),
            .forEach(headings(document)) { heading in
                .section(.class("text-section d\(heading.depth)\(heading.isOwn ? " own" : "")"),
                    .element(named: heading.depth == 1 ? "h2" : "h3", text: heading.title),
                    .if(heading.isOwn, .p(.class("hint"), .text("Planens eget avsnitt (inte ett av mallens)."))),
                    .unwrap(heading.unplacedAfter) { .p(.class("warning"), .text("Ska stå under \"\($0)\", som planen inte har; avsnittet står efter det som kommer före det i planens ordning.")) },
                    .unwrap(texts[heading: heading.key], { FormattedTextView.nodes($0, headingLevel: heading.depth == 1 ? 3 : 4) }, else: .p(.class("hint"), .text("Ingen text."))),
                    .if(mayPlan, .p(.a(.href((SiteURL.planTextEdit(id: plan.id).path + "?rubrik=" + (heading.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).attributeEscaped),
                                       .text("Ändra texten under \(heading.title)")))))
            }))
    }
}
