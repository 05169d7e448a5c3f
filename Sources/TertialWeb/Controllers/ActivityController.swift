import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// Activities and assignments for a follow-up period: what is late and what is due for report-back
/// (for the controller to chase), the activities per goal and per responsible unit, a quarter
/// timeline of the year, and the assignments with their response.
enum ActivityController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanController.readablePlan(req, facts)
        let plan = document
        let period = ValuesController.chosenPeriod(req.query[String.self, at: "period"], year: req.query[Int.self, at: "ar"] ?? plan.budgetYear, document)
        let mayReport = AccessPolicy.allows(req.principal, .reportValues(chain: facts.chain))
        let mayPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
        let units = try await unitPlans(req, facts)
        return page(req, document, period: period, units: units, mayReport: mayReport, mayPlan: mayPlan,
                    saved: req.query[Int.self, at: "sparat"], removed: req.query[Int.self, at: "borttagen"] != nil).response()
    }
}
