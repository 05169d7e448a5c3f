import Fluent
import TertialCore
import TertialInterchange
import TertialStore
import Vapor

enum HomeController {
    /// Municipalities → units → the plans this visitor may read.
    @Sendable static func show(_ req: Request) async throws -> Response {
        let model = HomePage.Model(catalogue: try await Catalogue.load(on: req.db), principal: req.principal)
        return HomePage.view(model, context: req.pageContext).response()
    }
}

enum PlanController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let model = try await PlanPage.Model.load(planID: facts.plan.id!, on: req.db)
        let principal = req.principal
        let abilities = PlanPage.Abilities(
            reportValues: AccessPolicy.allows(principal, .reportValues(chain: facts.chain)),
            editPlan: AccessPolicy.allows(principal, .editPlan(chain: facts.chain)))
        return PlanPage.view(model, context: req.pageContext, abilities: abilities).response()
    }

    /// The plan in the interchange format. Exports of plans that are not public are audited.
    @Sendable static func export(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanExporter.document(planID: facts.plan.id!, on: req.db)
        try await AuditLog.recordExport(of: facts.plan, as: "json", by: req.actor, on: req.db)
        return Response(status: .ok, headers: [
            "Content-Type": "application/json; charset=utf-8",
            "Content-Disposition": "attachment; filename=\"\(facts.plan.id!).json\"",
        ], body: .init(data: InterchangeCodec.encode(document)))
    }
}
