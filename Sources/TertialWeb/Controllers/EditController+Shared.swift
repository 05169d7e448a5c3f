import Plot
import TertialCore
import TertialStore
import Vapor

/// Goals and goal areas can be shared: a council goal is shown by every committee plan that
/// contributes to it, a goal area by every plan of the municipality that uses it. Editing one
/// plan must not change another plan that the person may not plan for, so:
/// - a goal's fields and its retirement are changed only by someone who may plan for the goal's
///   owner unit (the council's goals by the council's planners);
/// - a goal area is changed only by someone who may plan for every plan that uses it.
/// Moving a shared goal within this plan, or taking it off this plan, stays this plan's business.
extension EditController {
    /// The name of the unit that owns a goal this person may not change, or nil when they may.
    static func sharedOwner(of goal: Goal, _ req: Request) async throws -> String? {
        let chain = try await Accounts.unitChain(goal.ownerUnitID, on: req.store)
        guard !AccessPolicy.allows(req.principal, .editPlan(chain: chain)) else { return nil }
        return try await Catalogue.unitName(goal.ownerUnitID, on: req.store) ?? goal.ownerUnitID
    }

    static func requireMayChange(goal: Goal, _ req: Request) async throws {
        let chain = try await Accounts.unitChain(goal.ownerUnitID, on: req.store)
        guard AccessPolicy.allows(req.principal, .editPlan(chain: chain)) else {
            let unit = try await Catalogue.unitName(goal.ownerUnitID, on: req.store) ?? goal.ownerUnitID
            throw Abort(.forbidden, reason: "Målet hör till \(unit) och ändras av den som planerar för \(unit). Du kan flytta det eller ta bort det från den här planen.")
        }
    }

    static func requireMayChange(areaID: String, _ req: Request) async throws {
        for planID in try await PlanEditor.plansUsing(areaID: areaID, on: req.store) {
            guard let plan = try await Catalogue.plan(planID, on: req.store) else { continue }
            let chain = try await Accounts.unitChain(plan.ownerUnitID, on: req.store)
            guard AccessPolicy.allows(req.principal, .editPlan(chain: chain)) else {
                throw Abort(.forbidden, reason: "Målområdet används också i \(plan.title), som du inte planerar för. Det ändras av den som planerar för alla planer som använder det.")
            }
        }
    }
}

extension EditController {
}
