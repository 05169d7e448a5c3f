import TertialStore
import Vapor

enum HealthController {
    /// 200 `ok` once the database answers.
    @Sendable static func check(_ req: Request) async throws -> Response {
        try await DatabaseConfig.ping(on: req.store)
        return Response(status: .ok, headers: ["Content-Type": "text/plain; charset=utf-8"], body: .init(string: "ok"))
    }
}
