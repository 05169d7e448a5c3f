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
        return page(req, document, mayPlan: mayPlan, saved: req.query[String.self, at: "sparat"]).response()
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
}
