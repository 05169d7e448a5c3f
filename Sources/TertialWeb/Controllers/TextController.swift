import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The plan's text sections, in the order its template prints them: read by anyone who may read the
/// plan, written by its planners, one section at a time, as formatted text (safe Markdown).
enum TextController {
    static func headings(_ document: Plan) -> [(key: String, title: String, depth: Int)] {
        PlanDocumentBuilder.textHeadings(document)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanController.readablePlan(req, facts)
        let mayPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
        let texts = document.textSections ?? [:]
        let plan = document
        return PageShell(title: "Texter – \(plan.title)", breadcrumbs: EditController.crumbs(plan, "Texter"), context: req.pageContext, content: .div(
            .h1(.text("Planens texter – \(plan.title)")),
            .unwrap(req.query[String.self, at: "sparat"]) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Texten under \"\($0)\" är sparad.")) },
            .p(.class("hint"), .text("Avsnitten i den ordning planen skriver ut dem. Tabeller och mål visas på sina egna sidor.")),
            .forEach(headings(document)) { heading in
                .section(.class("text-section d\(heading.depth)"),
                    .element(named: heading.depth == 1 ? "h2" : "h3", text: heading.title),
                    .unwrap(texts[heading.key], { FormattedTextView.nodes($0) }, else: .p(.class("hint"), .text("Ingen text."))),
                    .if(mayPlan, .p(.a(.href((SiteURL.planTextEdit(id: plan.id).path + "?rubrik=" + (heading.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")).attributeEscaped),
                                       .text("Ändra texten under \(heading.title)")))))
            })).response()
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        let key = try heading(req, document)
        return form(req, document, key: key, text: document.textSections?[key.key] ?? "", error: nil).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        // A body that cannot be read (not UTF-8) is refused here, never saved as an empty text.
        let posted = try req.content.decode([String: String].self)
        let key = try heading(req, document, posted: posted["rubrik"])
        let text = posted["text"] ?? ""
        do {
            try await TextSections.save(planID: document.id, heading: key.key, markdown: text, by: req.actor, on: req.store)
        } catch let invalid as TextSections.Invalid {
            return form(req, document, key: key, text: text, error: invalid.description).response(status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.planTexts(id: document.id).path + "?sparat=" + (key.title.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                            redirectType: .normal)
    }

    static func heading(_ req: Request, _ document: Plan, posted: String? = nil) throws -> (key: String, title: String, depth: Int) {
        let asked = req.query[String.self, at: "rubrik"] ?? posted ?? ""
        guard let found = headings(document).first(where: { $0.key == asked }) else {
            throw Abort(.notFound, reason: "Planens mall har inget avsnitt som heter \"\(asked.prefix(80))\".")
        }
        return found
    }

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
}
