import Fluent
import TertialStore
import Vapor

/// Sets up the application: the database comes from outside (the CLI, or a test), migrations run,
/// then middleware and routes.
public func configure(_ app: Application, database: DatabaseConfig) async throws {
    app.databases.use(try database.factory(), as: database.databaseID)
    for migration in TertialSchema.migrations { app.migrations.add(migration) }
    try await app.autoMigrate()

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorPageMiddleware(environment: app.environment))
    app.routes.defaultMaxBodySize = "64kb"
    registerRoutes(app)
}

func registerRoutes(_ app: Application) {
    for url in SiteURL.routable {
        switch url {
        case .home: app.get(url.routeComponents, use: HomeController.show)
        case .plan: app.get(url.routeComponents, use: PlanController.show)
        case .healthz: app.get(url.routeComponents, use: HealthController.check)
        case .stylesheet: app.get(url.routeComponents, use: StylesheetController.show)
        }
    }
}
