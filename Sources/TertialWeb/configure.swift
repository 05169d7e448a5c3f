import TertialStore
import Vapor

/// Sets up the application: the database comes from outside (the CLI, or a test), migrations run,
/// then middleware and routes.
public func configure(_ app: Application, database: DatabaseConfig) async throws {
    // Outgoing HTTP (Kolada): connect and read timeouts, set before the client is first used.
    app.http.client.configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
    try await database.install(on: app)

    app.trustedProxies = Set((Environment.get("TERTIAL_TRUSTED_PROXIES") ?? "").split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    app.storage[PlanPageCacheKey.self] = PlanPageCache()
    app.startWorkPool()
    app.storage[TertialMetricsKey.self] = TertialMetrics()
    app.storage[DatabaseConfigKey.self] = database
    app.middleware = Middlewares()
    app.middleware.use(ObservationMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorPageMiddleware(environment: app.environment))
    app.middleware.use(BodyLimitMiddleware())
    // Static files from a directory, when asked for (TERTIAL_PUBLIC_DIR): bench/page-load serves a
    // file the size of the plan page from the same server, to compare the two.
    if let directory = Environment.get("TERTIAL_PUBLIC_DIR"), !directory.isEmpty {
        app.middleware.use(FileMiddleware(publicDirectory: directory.hasSuffix("/") ? directory : directory + "/"))
    }
    app.middleware.use(AuthMiddleware())
    app.middleware.use(CSRFMiddleware())
    // Forms: line breaks as LF and UTF-8 checked, for every controller (see NormalisingFormDecoder).
    ContentConfiguration.global.use(decoder: NormalisingFormDecoder(), for: .urlEncodedForm)
    app.routes.defaultMaxBodySize = SiteRoutes.maxBodySize
    SiteRoutes.register(on: app)
    app.storage[APIRateLimiterKey.self] = APIRateLimiter(perMinute: Environment.get("TERTIAL_API_RATE_LIMIT").flatMap(Int.init) ?? 600)
    try APIRoutes.register(on: app)
}
