import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The committee and all its units: the plans of units below the committee (enhetsplaner) rolled up
/// on the committee's activities page — every late activity and every assignment due for
/// report-back at the period, and the unit goals that break each committee goal down, with status.
extension ActivityController {
    struct UnitPlan {
        let plan: Plan
        let ownerName: String
    }

    /// The unit plans below `facts`' plan that this visitor may read.
    static func unitPlans(_ req: Request, _ facts: PlanFacts) async throws -> [UnitPlan] {
        var result: [UnitPlan] = []
        for (plan, chain) in try await UnitPlans.below(facts.plan, on: req.store) {
            guard let typed = try await PlanController.readablePlan(req, plan: plan, chain: chain) else { continue }
            let owner = typed.unit(plan.ownerUnitID)?.name ?? plan.ownerUnitID
            result.append(UnitPlan(plan: typed, ownerName: owner))
        }
        return result
    }

    struct Source { let planTitle: String; let unitNames: [String: String] }
}
