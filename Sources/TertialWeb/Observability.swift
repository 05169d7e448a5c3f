import Foundation
import Logging
import NIOCore
import NIOConcurrencyHelpers
import Prometheus
import TertialCore
import TertialStore
import Vapor

/// What operations watch (issue 24, point 4): counters and histograms in Prometheus's text format at
/// /metrics. Labels are bounded: a route is its pattern (`/planer/:planID/utfall`), never the path
/// (which may hold a calendar secret or an id per plan).
final class TertialMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    static let buckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                      .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10)]

    func request(method: String, route: String, status: UInt, duration: Duration) {
        registry.makeCounter(name: "tertial_http_requests_total", labels: [("method", method), ("route", route), ("status", "\(status)")],
                             help: "HTTP requests answered, by method, route pattern and status.").increment()
        registry.makeDurationHistogram(name: "tertial_http_request_duration_seconds", labels: [("method", method), ("route", route)],
                                       buckets: Self.buckets, help: "Time to answer, by method and route pattern.").record(duration)
    }

    func signIn(_ outcome: String) {
        registry.makeCounter(name: "tertial_sign_ins_total", labels: [("outcome", outcome)],
                             help: "Sign-ins: succeeded, failed (wrong name or password), throttled, refused.").increment()
    }

    func reminders(_ result: Reminders.RunResult) {
        for (status, count) in [("sent", result.sent + result.retried), ("failed", result.failed), ("in_app", result.inApp), ("uncertain", result.uncertain)]
        where count > 0 {
            registry.makeCounter(name: "tertial_reminders_total", labels: [("status", status)],
                                 help: "Reminder digests: sent by e-mail, failed, left in the application, uncertain.").increment(by: Int64(count))
        }
    }

    func poolTimeout() {
        registry.makeCounter(name: "tertial_db_pool_timeouts_total", help: "Requests that waited for a database connection until the pool gave up (503).").increment()
    }

    /// The gauges read at scrape time, then the whole registry as text.
    func scrape(database: DatabaseConfig?) async -> String {
        let (running, waiting) = await RenderQueue.pdf.load
        registry.makeGauge(name: "tertial_render_queue_running", help: "Documents being printed to PDF now.").set(Int64(running))
        registry.makeGauge(name: "tertial_render_queue_waiting", help: "Documents waiting for a printer.").set(Int64(waiting))
        registry.makeGauge(name: "tertial_render_queue_slots", help: "Documents printed at once at most.").set(Int64(RenderQueue.pdf.slots))
        if let database {
            registry.makeGauge(name: "tertial_db_pool_connections_max", labels: [("database", database.kind)],
                               help: "Database connections the server opens at most (per event loop × event loops).")
                .set(Int64(database.connectionsPerEventLoop * System.coreCount))
        }
        return registry.emitToString()
    }
}

extension Request {
    /// The route this request matched, as registered ("/kalender/:token"): what logs and metrics name, so a
    /// secret or an id in the path never reaches them.
    var routePattern: String { route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "(okänd)" }
}

struct TertialMetricsKey: StorageKey { typealias Value = TertialMetrics }
struct DatabaseConfigKey: StorageKey { typealias Value = DatabaseConfig }

extension Application {
    /// Set in `configure`; a fresh one otherwise (tools that never serve).
    var metrics: TertialMetrics { storage[TertialMetricsKey.self] ?? TertialMetrics() }
}

/// The outermost middleware: each answered request is counted and timed, and logged as one line with its
/// request id, method, route pattern, status, duration, who (user name or API token name) and plan — never
/// a query string, a cookie, a header or a form field.
struct ObservationMiddleware: AsyncMiddleware {
    static let quiet: Set<String> = ["/healthz", "/metrics", "/tertial.css", "/tertial.js"]

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next.respond(to: request)
            record(request, status: response.status.code, duration: start.duration(to: .now))
            return response
        } catch {
            let status = (error as? any AbortError)?.status.code ?? 500
            record(request, status: status, duration: start.duration(to: .now))
            throw error
        }
    }

    func record(_ request: Request, status: UInt, duration: Duration) {
        let route = request.routePattern
        request.application.metrics.request(method: request.method.rawValue, route: route, status: status, duration: duration)
        var metadata: Logger.Metadata = ["method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(status),
                                         "duration_ms": .stringConvertible((Double(duration.components.seconds) * 1000
                                             + Double(duration.components.attoseconds) / 1e15).rounded() )]
        if let person = request.account?.username { metadata["person"] = .string(person) }
        if let client = request.storage[APIClientKey.self] { metadata["token"] = .string(client.grant.name) }
        if let plan = request.parameters.get("planID") ?? request.parameters.get("planId") { metadata["plan"] = .string(plan) }
        let level: Logger.Level = Self.quiet.contains(route) ? .debug : status >= 500 ? .error : .info
        request.logger.log(level: level, "request", metadata: metadata)
    }
}

/// The server's logging: Vapor's console lines, or JSON lines with `TERTIAL_LOG_FORMAT=json`; the level
/// from `--log` or `LOG_LEVEL` either way.
public enum TertialLogging {
    public static func bootstrap(from environment: inout Environment) throws {
        guard Environment.get("TERTIAL_LOG_FORMAT")?.lowercased() == "json" else {
            try LoggingSystem.bootstrap(from: &environment)
            return
        }
        try LoggingSystem.bootstrap(from: &environment) { level in { label in JSONLogHandler(label: label, level: level) } }
    }
}

/// One JSON object per line on standard error (`TERTIAL_LOG_FORMAT=json`), for a log collector: time,
/// level, logger, message and the metadata (request id, route, status, duration, person, plan).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    private static let lock = NIOLock()

    init(label: String, level: Logger.Level) { self.label = label; self.logLevel = level }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String, file: String, function: String, line: UInt) {
        var fields: [String: Any] = ["time": Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true)), "level": level.rawValue,
                                     "logger": label, "message": message.description]
        for (key, value) in metadata.merging(explicit ?? [:], uniquingKeysWith: { $1 }) {
            fields[key.replacingOccurrences(of: "-", with: "_")] = Self.plain(value)
        }
        guard var data = try? JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        data.append(0x0A)
        Self.lock.withLock { FileHandle.standardError.write(data) }
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible):
            if let number = convertible as? Double { return number }
            if let number = convertible as? UInt { return number }
            if let number = convertible as? Int { return number }
            return convertible.description
        case .array(let values): return values.map(plain)
        case .dictionary(let values): return values.mapValues(plain)
        }
    }
}

/// GET /metrics: for Prometheus. With `TERTIAL_METRICS_TOKEN` set, only with `Authorization: Bearer <it>`;
/// without it, only from this machine and not through a proxy (a request with `X-Forwarded-For` or
/// `Forwarded` is someone else's): a scraper elsewhere needs the token.
enum MetricsController {
    @Sendable static func scrape(_ req: Request) async throws -> Response {
        if let expected = Environment.get("TERTIAL_METRICS_TOKEN"), !expected.isEmpty {
            guard let sent = req.headers.bearerAuthorization?.token, CSRFMiddleware().constantTimeEquals(sent, expected) else {
                return Response(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer realm=\"metrics\"", "Content-Type": "text/plain; charset=utf-8"],
                                body: .init(string: "Mätvärdena kräver TERTIAL_METRICS_TOKEN som Bearer-token.\n"))
            }
        } else if let peer = req.remoteAddress?.ipAddress, !["127.0.0.1", "::1", "::ffff:127.0.0.1"].contains(peer)
                    // a reverse proxy on this machine forwards everyone's requests from 127.0.0.1: it says so
                    || req.headers.first(name: .xForwardedFor) != nil || req.headers.first(name: "Forwarded") != nil {
            return Response(status: .forbidden, headers: ["Content-Type": "text/plain; charset=utf-8"],
                            body: .init(string: "Mätvärdena visas bara för den här datorn. Sätt TERTIAL_METRICS_TOKEN för att hämta dem härifrån.\n"))
        }
        let text = await req.application.metrics.scrape(database: req.application.storage[DatabaseConfigKey.self])
        return Response(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"], body: .init(string: text))
    }
}
