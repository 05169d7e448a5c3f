import Fluent
import TertialStore
import Vapor

enum HomeController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let model = HomePage.Model(catalogue: try await Catalogue.load(on: req.db))
        return HomePage.view(model).response()
    }
}

enum PlanController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("planID") else { throw Abort(.notFound) }
        let model = try await PlanPage.Model.load(planID: id, on: req.db)
        return PlanPage.view(model).response()
    }
}
