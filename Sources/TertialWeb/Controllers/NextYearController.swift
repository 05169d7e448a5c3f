import Plot
import TertialCore
import TertialStore
import Vapor

/// *Skapa nästa års plan*: a page that says what the draft will be and what is carried, and the one
/// button that makes it. The old plan is only read; a draft that exists already is refused in Swedish.
enum NextYearController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let plan = try await EditController.typedPlan(req)
        return page(req, plan, errors: []).response()
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let plan = try await EditController.typedPlan(req)
        do {
            let id = try await NextYearPlans.create(from: plan.id, by: req.actor, on: req.store)
            return req.redirect(to: SiteURL.plan(id: id).path + "?nyplan=1", redirectType: .normal)
        } catch let refused as NextYearPlans.Refused {
            let next = NextYearPlans.preview(of: plan)
            let message = refused.taken
                ? "Nästa års plan (\(next.title)) finns redan eller delar id med en befintlig plan. Inget skapades."
                : "Nästa års plan kunde inte skapas. Inget skapades."
            return page(req, plan, errors: [message] + refused.problems.prefix(5)).response(status: .conflict)
        }
    }
}
