import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// A setting that cannot be used: the server does not start, and says which and why.
struct ConfigurationError: Error, CustomStringConvertible { let description: String }

/// Sets up the application: the database comes from outside (the CLI, or a test), migrations run,
/// then middleware and routes.
public func configure(_ app: Application, database: DatabaseConfig) async throws {
    // Outgoing HTTP (Kolada): connect and read timeouts, set before the client is first used.
    app.http.client.configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
    try await database.install(on: app)

    app.trustedProxies = Set((Environment.get("TERTIAL_TRUSTED_PROXIES") ?? "").split(separator: ",")
        .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    // gzip/deflate when the client accepts it, for text (HTML, CSS, JS, JSON, CSV, XML); documents and images are
    // compressed already. Pages carry the CSRF token masked afresh each time (CSRFMask), against BREACH.
    app.http.server.configuration.responseCompression = .enabledForCompressibleTypes
    app.storage[PlanPageCacheKey.self] = PlanPageCache()
    app.startWorkPool()
    // The PDF browser kept running between prints stops with the server.
    app.lifecycle.use(WarmChromiumShutdown())
    app.storage[TertialMetricsKey.self] = TertialMetrics()
    // Sign-in: the municipality's identity provider (TERTIAL_OIDC_*), and who may use a password.
    if let settings = OIDCSettings.fromEnvironment() {
        let client = app.client
        app.storage[OIDCProviderKey.self] = OIDCProvider(settings: settings) { request in try await client.send(request) }
    }
    if let raw = Environment.get("TERTIAL_LOCAL_SIGN_IN"), !raw.isEmpty {
        guard let policy = LocalSignIn(rawValue: raw.lowercased()) else {
            throw ConfigurationError(description: "TERTIAL_LOCAL_SIGN_IN=\(raw): skriv on, administrators eller off.")
        }
        guard policy == .on || app.oidc != nil else {
            throw ConfigurationError(description: "TERTIAL_LOCAL_SIGN_IN=\(raw) utan kommunens inloggning (TERTIAL_OIDC_ISSUER, TERTIAL_OIDC_CLIENT_ID) skulle stänga ute alla.")
        }
        app.storage[LocalSignInKey.self] = policy
    }
    app.storage[DatabaseConfigKey.self] = database
    app.middleware = Middlewares()
    app.middleware.use(ObservationMiddleware())
    app.middleware.use(SecurityHeadersMiddleware(providerOrigin: app.oidc.flatMap { URLComponents(string: $0.settings.issuer) }
        .map { "\($0.scheme ?? "https")://\($0.host ?? "")" + ($0.port.map { ":\($0)" } ?? "") }))
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

struct WarmChromiumShutdown: LifecycleHandler {
    func shutdown(_ application: Application) { WarmChromium.shared.stop() }
    func shutdownAsync(_ application: Application) async { WarmChromium.shared.stop() }
}
