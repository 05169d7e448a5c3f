import Foundation
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Boots the application on a scratch database (SQLite, or PostgreSQL when configured),
/// loads `documents`, runs `body`, and cleans up.
func withTertial(_ documents: [PlanImporter.Source]? = nil, _ body: (Application) async throws -> Void) async throws {
    let scratch = try await ScratchDatabase.make()
    let app = try await Application.make(.testing)
    do {
        try await configure(app, database: scratch.config)
        try await PlanImporter.importDocuments(try documents ?? DemoData.sources(), into: app.db, by: .system("test"))
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        await scratch.drop()
        throw error
    }
    try await app.asyncShutdown()
    await scratch.drop()
}

extension TestingHTTPResponse {
    var text: String { body.string }
}
