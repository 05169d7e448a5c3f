import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `TextController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension TextController {
    static func form(_ req: Request, _ document: Plan, key: (key: String, title: String, depth: Int), text: String, error: String?) -> PageShell {
        let plan = document
        return PageShell(title: "Ändra text: \(key.title)", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                                         Breadcrumb(title: "Texter", url: .planTexts(id: plan.id)), Breadcrumb(title: key.title, url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Ändra text: \(key.title)")),
            Forms.errorSummary(error.map { [$0] } ?? []),
            .p(.class("hint"), .text("Tom rad mellan stycken. \"## \" före en rubrik, \"- \" före en punkt, \"1. \" för en numrerad lista, **fet** och *kursiv* text. "
                                     + "HTML visas som text. Töm rutan för att ta bort texten.")),
            .form(.method(.post), .action(SiteURL.planTextEdit(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("rubrik"), .value(key.key.attributeEscaped)),
                .div(.class(error == nil ? "field" : "field has-error"), .label(.for("f-text"), .text("Text")),
                     .textarea(.id("f-text"), .name("text"), .rows(18), .text(text))),
                .button(.type(.submit), .class("primary"), .text("Spara texten"))),
            .if(!text.isEmpty, .section(.h2("Så här visas texten"), FormattedTextView.nodes(text)))))
    }

    /// The plan's text sections in the template's order, each with its edit link.
    static func page(_ req: Request, _ document: Plan, mayPlan: Bool, saved: String?) -> PageShell {
        let plan = document, texts = document.textSections ?? [:]
        return PageShell(title: "Texter – \(plan.title)", breadcrumbs: EditController.crumbs(plan, "Texter"), context: req.pageContext, content: .div(
            .h1(.text("Planens texter – \(plan.title)")),
            .unwrap(saved) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Texten under \"\($0)\" är sparad.")) },
            .p(.class("hint"), .text("Avsnitten i den ordning planen skriver ut dem. Tabeller och mål visas på sina egna sidor.")),
            .forEach(headings(document)) { heading in
                .section(.class("text-section d\(heading.depth)"),
                    .element(named: heading.depth == 1 ? "h2" : "h3", text: heading.title),
                    .unwrap(texts[heading.key], { FormattedTextView.nodes($0) }, else: .p(.class("hint"), .text("Ingen text."))),
                    .if(mayPlan, .p(.a(.href((SiteURL.planTextEdit(id: plan.id).path + "?rubrik=" + (heading.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).attributeEscaped),
                                       .text("Ändra texten under \(heading.title)")))))
            }))
    }
}
