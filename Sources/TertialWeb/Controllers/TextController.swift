import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The plan's text sections, in the order its template prints them: read by anyone who may read the
/// plan, written by its planners, one section at a time, as formatted text (safe Markdown).
enum TextController {
    typealias Entry = PlanDocumentBuilder.OutlineEntry

    static func headings(_ document: Plan) -> [Entry] {
        PlanDocumentBuilder.outline(document)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanController.readablePlan(req, facts)
        let mayPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
        return page(req, document, mayPlan: mayPlan, saved: req.query[String.self, at: "sparat"]).response()
    }

    @Sendable static func edit(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        if req.query[String.self, at: "kolumnrubriker"] != nil {
            let h = document.columnHeadings
            return headingsForm(req, document, typed: ["value": h?.value ?? "", "target": h?.target ?? "", "baseline": h?.baseline ?? ""], error: nil).response()
        }
        if req.query[String.self, at: "ny"] != nil {
            return form(req, document, key: nil, text: "", after: "", error: nil).response()
        }
        let key = try heading(req, document)
        let section = document.textSections?.first { $0.heading == key.key }
        return form(req, document, key: key, text: section?.text ?? "", after: section?.after ?? "", error: nil).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        // A body that cannot be read (not UTF-8) is refused here, never saved as an empty text.
        let posted = try req.content.decode([String: String].self)
        let text = posted["text"] ?? "", after = posted["placering"] ?? ""
        if posted["kolumnrubriker"] != nil {
            let typed = ["value": posted["value"] ?? "", "target": posted["target"] ?? "", "baseline": posted["baseline"] ?? ""]
            do {
                try await PlanEditor.setColumnHeadings(PlanColumnHeadings(value: typed["value"], target: typed["target"], baseline: typed["baseline"]),
                                                       planID: document.id, by: req.actor, on: req.store)
            } catch let invalid as PlanEditor.InvalidHeadings {
                return headingsForm(req, document, typed: typed, error: (invalid.field, invalid.description)).response(status: .unprocessableEntity)
            }
            return req.redirect(to: SiteURL.planTexts(id: document.id).path + "?sparat=" + ("Kolumnrubriker".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                redirectType: .normal)
        }
        if posted["ny"] != nil {
            // A new section of the plan's own: a heading the outline does not have yet.
            let heading = (posted["rubrik"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if headings(document).contains(where: { $0.key == heading || ($0.isOwn && $0.title == heading) }) {
                return form(req, document, key: nil, text: text, after: after, error: "Planen har redan ett avsnitt som heter \"\(heading.prefix(80))\"; ändra det i stället, eller välj en annan rubrik.",
                            newHeading: heading).response(status: .unprocessableEntity)
            }
            if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                return form(req, document, key: nil, text: text, after: after, error: "Skriv avsnittets text; ett avsnitt utan text sparas inte.",
                            newHeading: heading).response(status: .unprocessableEntity)
            }
            do {
                try await TextSections.save(planID: document.id, heading: heading, markdown: text, after: after, by: req.actor, on: req.store)
            } catch let invalid as TextSections.Invalid {
                return form(req, document, key: nil, text: text, after: after, error: invalid.description, newHeading: heading).response(status: .unprocessableEntity)
            }
            return req.redirect(to: SiteURL.planTexts(id: document.id).path + "?sparat=" + (heading.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                                redirectType: .normal)
        }
        let key = try heading(req, document, posted: posted["rubrik"])
        do {
            // Only the plan's own sections have a place of their own; the template places its sections.
            try await TextSections.save(planID: document.id, heading: key.key, markdown: text, after: key.isOwn ? after : nil, by: req.actor, on: req.store)
        } catch let invalid as TextSections.Invalid {
            return form(req, document, key: key, text: text, after: after, error: invalid.description).response(status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.planTexts(id: document.id).path + "?sparat=" + (key.title.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
                            redirectType: .normal)
    }

    static func heading(_ req: Request, _ document: Plan, posted: String? = nil) throws -> Entry {
        let asked = req.query[String.self, at: "rubrik"] ?? posted ?? ""
        guard let found = headings(document).first(where: { $0.key == asked }) else {
            throw Abort(.notFound, reason: "Planen har inget avsnitt som heter \"\(asked.prefix(80))\".")
        }
        return found
    }
}
