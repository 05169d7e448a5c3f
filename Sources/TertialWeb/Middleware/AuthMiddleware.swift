
import Foundation
import TertialCore
import TertialStore
import Vapor

/// Reads the session cookie, finds the session in the database and puts the signed-in person
/// on the request. Sessions live in the database, so any server process can serve them.
/// Also gives every visitor a CSRF token: the session's, or — before sign-in — a token in its
/// own cookie (double submit), so even the sign-in form is protected.
struct AuthMiddleware: AsyncMiddleware {
    static let sessionCookie = "tertial_session"
    static let csrfCookie = "tertial_csrf"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // The API authenticates by token only (APITokenMiddleware): no session, no CSRF cookie.
        if APIRoutes.isAPI(request.url.path) { return try await next.respond(to: request) }
        if let token = request.cookies[Self.sessionCookie]?.string, !token.isEmpty,
           let (session, account) = try await Sessions.find(id: Self.sessionID(for: token), on: request.store) {
            request.storage[PrincipalKey.self] = try await Accounts.principal(for: account, on: request.store)
            request.storage[AccountKey.self] = account
            request.storage[SessionKey.self] = session
            request.storage[CSRFKey.self] = session.csrfToken
        }
        var newCSRFCookie: String?
        if request.storage[CSRFKey.self] == nil {
            if let cookie = request.cookies[Self.csrfCookie]?.string, cookie.count >= 32 {
                request.storage[CSRFKey.self] = cookie
            } else {
                let token = Self.randomToken()
                request.storage[CSRFKey.self] = token
                newCSRFCookie = token
            }
        }
        let response = try await next.respond(to: request)
        // A public answer that may be kept (PublicCache) never carries a cookie: a shared cache would hand it to others.
        if let newCSRFCookie, response.headers.first(name: .cacheControl)?.hasPrefix("public") != true {
            response.cookies[Self.csrfCookie] = Self.cookie(newCSRFCookie, for: request, sameSite: .strict, maxAge: nil)
        }
        return response
    }

    /// The database keeps only a hash of the cookie's token.
    static func sessionID(for token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64URLEncoded
    }

    /// HttpOnly always; Secure when the request came over TLS (directly or through a proxy that says so).
    static func cookie(_ value: String, for request: Request, sameSite: HTTPCookies.SameSitePolicy, maxAge: Int?) -> HTTPCookies.Value {
        let overTLS = request.url.scheme == "https" || request.headers.first(name: "X-Forwarded-Proto")?.lowercased() == "https"
        return HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: overTLS, isHTTPOnly: true, sameSite: sameSite)
    }
}

/// Every state-changing request must carry the visitor's CSRF token, as the form field `_csrf`
/// or the header `X-CSRF-Token`; otherwise 403 and nothing happens.
struct CSRFMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        // The API takes no cookies, so a cross-site form cannot act through it: a bearer token is its proof.
        if APIRoutes.isAPI(request.url.path) { return try await next.respond(to: request) }
        let expected = request.csrfToken
        var sent = request.headers.first(name: "X-CSRF-Token")
        if sent == nil {
            // Middleware runs before the route collects the body; collect it here (within the
            // size limit) so the form field can be read, and the handler finds it collected.
            _ = try await request.body.collect(max: SiteRoutes.maxBodySize(forPath: request.url.path).value).get()
            do { sent = try request.content.get(String.self, at: "_csrf") }
            catch let unreadable as NormalisingFormDecoder.NotUTF8 { throw unreadable } // say why, not "no token"
            catch { sent = nil }
        }
        guard let sent = sent.map({ CSRFMask.unmask($0) ?? $0 }), !expected.isEmpty, constantTimeEquals(sent, expected) else {
            throw Abort(.forbidden, reason: "Formuläret saknar en giltig säkerhetstoken. Ladda om sidan och försök igen.")
        }
        return try await next.respond(to: request)
    }

    func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

struct TrustedProxiesKey: StorageKey { typealias Value = Set<String> }

extension Application {
    /// Addresses of reverse proxies whose `X-Forwarded-For` is believed (`TERTIAL_TRUSTED_PROXIES=127.0.0.1,10.0.0.5`).
    var trustedProxies: Set<String> {
        get { storage[TrustedProxiesKey.self] ?? [] }
        set { storage[TrustedProxiesKey.self] = newValue }
    }
}

struct PrincipalKey: StorageKey { typealias Value = Principal }
struct AccountKey: StorageKey { typealias Value = AccountModel }
struct SessionKey: StorageKey { typealias Value = SessionModel }
struct CSRFKey: StorageKey { typealias Value = String }

extension Request {
    var principal: Principal? { storage[PrincipalKey.self] }
    var account: AccountModel? { storage[AccountKey.self] }
    var tertialSession: SessionModel? { storage[SessionKey.self] }
    var csrfToken: String { storage[CSRFKey.self] ?? "" }

    /// Who is acting, for the audit trail.
    var actor: Actor {
        Actor(name: account?.username ?? "anonym", accountID: account?.id, address: clientAddress)
    }

    /// The address of the person: the peer's, or — only when the peer is a configured trusted proxy
    /// (`TERTIAL_TRUSTED_PROXIES`) — the last address in `X-Forwarded-For` that is not itself a
    /// trusted proxy. Anyone else's `X-Forwarded-For` is ignored: it is theirs to invent.
    var clientAddress: String? {
        Self.clientAddress(peer: remoteAddress?.ipAddress, forwardedFor: headers[.xForwardedFor], trusted: application.trustedProxies)
    }

    static func clientAddress(peer: String?, forwardedFor: [String], trusted: Set<String>) -> String? {
        guard let peer else { return nil }
        guard trusted.contains(peer) else { return peer }
        let forwarded = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        return forwarded.reversed().first { !trusted.contains($0) && !$0.isEmpty } ?? peer
    }

    /// What every page needs to know about the visitor.
    var pageContext: PageContext { PageContext(principal: principal, displayName: account?.displayName, csrfToken: csrfToken) }
}

struct PageContext {
    let principal: Principal?
    let displayName: String?
    let csrfToken: String
    static let anonymous = PageContext(principal: nil, displayName: nil, csrfToken: "")
}

/// The CSRF token as pages carry it: XOR-ed with a fresh random pad on every page ("m.PAD.MASKED"), so
/// the bytes differ each time. Compressed responses (gzip) would otherwise let an attacker who can put
/// text into a page guess a constant token from the compressed sizes (BREACH).
enum CSRFMask {
    static func mask(_ token: String) -> String {
        guard !token.isEmpty else { return token }
        let bytes = Array(token.utf8)
        var generator = SystemRandomNumberGenerator()
        let pad = bytes.map { _ in UInt8.random(in: 0...255, using: &generator) }
        return "m." + Data(pad).base64URLEncoded + "." + Data(zip(bytes, pad).map { $0 ^ $1 }).base64URLEncoded
    }

    static func unmask(_ sent: String) -> String? {
        let parts = sent.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "m", let pad = Data(base64URLEncoded: String(parts[1])),
              let masked = Data(base64URLEncoded: String(parts[2])), pad.count == masked.count else { return nil }
        return String(decoding: zip(pad, masked).map { $0 ^ $1 }, as: UTF8.self)
    }
}
