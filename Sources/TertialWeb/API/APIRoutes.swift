import Foundation
import OpenAPIVapor
import TertialAPI
import Vapor

/// /api/v1: the OpenAPI document (open to all), and the operations it describes behind an API token.
enum APIRoutes {
    static let prefix = "/api/v1"

    static func isAPI(_ path: String) -> Bool { path == "/api" || path.hasPrefix("/api/") }

    static func register(on app: Application) throws {
        app.get("api", "v1", "openapi.json") { _ -> Response in
            Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache"],
                     body: .init(data: OpenAPIDocument.data))
        }
        let transport = VaporTransport(routesBuilder: app.grouped(APIProblemMiddleware(), APITokenMiddleware()))
        try APIv1Handler().registerHandlers(on: transport, serverURL: URL(string: prefix)!)
    }
}
