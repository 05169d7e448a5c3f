import Foundation
import NIOConcurrencyHelpers
import TertialCore
import TertialStore
import Vapor

/// The integration calling the API: its token's grant and who it acts as in the audit trail.
struct APIClient: Sendable {
    let tokenID: UUID
    let grant: APIGrant
    let actor: Actor
}

struct APIClientKey: StorageKey { typealias Value = APIClient }

/// The request an API handler serves (the generated server hands handlers only the operation's input).
enum APIRequestContext {
    @TaskLocal static var current: Request?
}

/// Every /api/v1 call (but the OpenAPI document) carries `Authorization: Bearer tertial_…`: an unknown,
/// expired or revoked token is a 401; a token over its rate is a 429. The body is read here within the
/// API's limit, so a chunked body cannot grow without bound.
struct APITokenMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let bearer = request.headers.bearerAuthorization?.token, !bearer.isEmpty else {
            throw APIProblem.unauthorized(.init(sv: "Skicka en API-nyckel: Authorization: Bearer <nyckel>. En administratör skapar nycklar under API-nycklar.",
                                                en: "Send an API token: Authorization: Bearer <token>. An administrator makes tokens under API-nycklar."))
        }
        guard let token = try await APITokens.use(hash: AuthMiddleware.sessionID(for: bearer), on: request.store) else {
            var problem = APIProblem.unauthorized(.init(sv: "Nyckeln är okänd, har gått ut eller är återkallad.",
                                                        en: "The token is unknown, expired or revoked."))
            problem.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer realm=\"tertial\", error=\"invalid_token\"")
            throw problem
        }
        if let wait = request.application.apiRateLimiter.admit(token.id!) {
            throw APIProblem.tooManyRequests(retryAfter: wait)
        }
        let client = APIClient(tokenID: token.id!, grant: token.grant, actor: token.actor(address: request.clientAddress))
        request.storage[APIClientKey.self] = client
        request.logger[metadataKey: "token"] = .string(token.name)
        if request.method != .GET && request.method != .HEAD {
            _ = try await request.body.collect(max: SiteRoutes.maxWholePlanFormSize.value).get()
        }
        let response = try await APIRequestContext.$current.withValue(request) { try await next.respond(to: request) }
        // What a token reads may be a plan that is not public: no cache keeps it.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

/// Requests per token and minute (`TERTIAL_API_RATE_LIMIT`, default 600), counted in this process: with
/// several servers behind a load balancer each counts its own share.
final class APIRateLimiter: Sendable {
    let perMinute: Int
    private let windows = NIOLockedValueBox<[UUID: (start: Date, count: Int)]>([:])

    init(perMinute: Int) { self.perMinute = perMinute }

    /// nil: admitted; otherwise the seconds until the token's minute is over.
    func admit(_ token: UUID, at now: Date = Date()) -> Int? {
        windows.withLockedValue { windows in
            var window = windows[token] ?? (now, 0)
            if now.timeIntervalSince(window.start) >= 60 { window = (now, 0) }
            guard window.count < perMinute else {
                return max(1, Int((60 - now.timeIntervalSince(window.start)).rounded(.up)))
            }
            window.count += 1
            windows[token] = window
            if windows.count > 10_000 { windows = windows.filter { now.timeIntervalSince($0.value.start) < 60 } }
            return nil
        }
    }
}

struct APIRateLimiterKey: StorageKey { typealias Value = APIRateLimiter }

extension Application {
    /// Set once in `configure`, before the server takes requests.
    var apiRateLimiter: APIRateLimiter { storage[APIRateLimiterKey.self] ?? APIRateLimiter(perMinute: 600) }
}
