import TertialCore
import TertialDocuments
import Plot
import TertialStore
import Vapor

/// Sign-in and sign-out. A successful sign-in always starts a new session with a new id (so a
/// session id planted before sign-in is worthless); failed attempts are audited and throttled
/// per account name and per address, counted in the database so every server process agrees.
enum SignInController {
    static let window: TimeInterval = 15 * 60
    static let maxFailuresPerAccount = 5
    static let maxFailuresPerAddress = 20
    /// A valid bcrypt hash of a random password, verified when the account does not exist so
    /// that the answer takes as long either way.
    static let decoyHash: String = (try? Bcrypt.hash(UUID().uuidString)) ?? ""

    struct Form: Content {
        var username: String?
        var password: String?
        var till: String?
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let returnTo = safeReturnPath(req.query[String.self, at: "till"])
        return page(req, username: "", returnTo: returnTo, error: nil).response()
    }

    @Sendable static func signIn(_ req: Request) async throws -> Response {
        guard req.application.localSignIn != .off else {
            throw Abort(.forbidden, reason: "Inloggning med lösenord är avstängd i Tertial. Använd kommunens inloggning.")
        }
        let form = try req.content.decode(Form.self)
        let username = Accounts.normalise(form.username ?? "")
        let returnTo = safeReturnPath(form.till)
        let address = req.actor.address
        // Counted before bcrypt runs, atomically: parallel attempts beyond the limit never reach it.
        guard let attempt = try await SignInThrottle.begin(username: username, address: address,
                                                           limits: .init(window: window, perAccount: maxFailuresPerAccount, perAddress: maxFailuresPerAddress),
                                                           on: req.store) else {
            req.application.metrics.signIn("throttled")
            return page(req, username: username, returnTo: returnTo,
                        error: "För många misslyckade inloggningar. Vänta en kvart och försök igen.").response(status: .tooManyRequests)
        }
        let account = username.isEmpty ? nil : try await Accounts.find(username: username, on: req.store)
        let password = form.password ?? ""
        let matches = try await req.password.async.verify(password, created: account?.passwordHash ?? decoyHash)
        guard let account, matches, !account.disabled, account.passwordHash != nil else {
            try await AuditLog.append(.init(.signInFailed, "konto", username.isEmpty ? "(tomt)" : String(username.prefix(64)),
                                            new: account?.disabled == true ? "avstängt konto" : nil),
                                      by: Actor(name: "anonym", address: address), on: req.store)
            req.application.metrics.signIn("failed")
            return page(req, username: username, returnTo: returnTo, error: "Fel användarnamn eller lösenord.").response(status: .unauthorized)
        }
        try await SignInThrottle.succeeded(attempt, on: req.store)
        // With TERTIAL_LOCAL_SIGN_IN=administrators, a password signs in only a local administrator (break-glass).
        guard req.application.localSignIn.allows(isAdministrator: account.isAdministrator) else {
            try await AuditLog.append(.init(.signInFailed, "konto", account.username, new: "lösenordsinloggning avstängd för andra än administratörer"),
                                      by: Actor(name: "anonym", address: address), on: req.store)
            req.application.metrics.signIn("refused")
            return page(req, username: username, returnTo: returnTo,
                        error: "Inloggning med lösenord är bara öppen för administratörer. Använd kommunens inloggning.").response(status: .forbidden)
        }
        return try await startSession(req, account: account, returnTo: returnTo, audit: .init(.signIn, "konto", account.username))
    }

    /// A signed-in person's new session, whatever the visitor had before (so a session id planted before
    /// sign-in is worthless): audited with `audit`, counted, and on to `returnTo`. Password and provider
    /// sign-ins both end here.
    static func startSession(_ req: Request, account: AccountModel, returnTo: String, audit: AuditLog.Entry) async throws -> Response {
        let address = req.actor.address
        if let old = req.tertialSession?.id { try await Sessions.delete(id: old, on: req.store) }
        let token = AuthMiddleware.randomToken()
        try await Sessions.create(id: AuthMiddleware.sessionID(for: token), accountID: account.id!, csrfToken: AuthMiddleware.randomToken(),
                                  address: address, on: req.store)
        try await AuditLog.append(audit, by: Actor(name: account.username, accountID: account.id, address: address), on: req.store)
        req.application.metrics.signIn("succeeded")
        let response = req.redirect(to: returnTo, redirectType: .normal)
        response.cookies[AuthMiddleware.sessionCookie] = AuthMiddleware.cookie(token, for: req, sameSite: .lax, maxAge: Int(Sessions.lifetime))
        return response
    }

    @Sendable static func signOut(_ req: Request) async throws -> Response {
        if let session = req.tertialSession?.id {
            try await Sessions.delete(id: session, on: req.store)
            try await AuditLog.append(.init(.signOut, "konto", req.account?.username ?? ""), by: req.actor, on: req.store)
        }
        // Signed in through the provider: end its session too (RP-initiated logout), where it offers that.
        let next = await ExternalSignInController.endSessionURL(req, account: req.account) ?? SiteURL.home.path
        let response = req.redirect(to: next, redirectType: .normal)
        response.cookies[AuthMiddleware.sessionCookie] = .expired
        return response
    }

    /// Where to go after signing in: only a path that a GET route of this site answers
    /// ("/planer/x/utfall?period=2024-T1"), written in the characters a URL path and query may hold.
    /// Anything else — "//evil.example", "https://…", a backslash, a space, a control character
    /// (raw or percent-encoded, which would split the Location header) — goes to the start page.
    static func safeReturnPath(_ path: String?) -> String {
        guard let path, path.count < 500, path.hasPrefix("/"), !path.hasPrefix("//") else { return SiteURL.home.path }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/?=&%#+,")
        guard path.allSatisfy({ allowed.contains($0) }) else { return SiteURL.home.path }
        let pathPart = String(path.prefix { $0 != "?" && $0 != "#" })
        guard let decoded = path.removingPercentEncoding, !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
              let decodedPath = pathPart.removingPercentEncoding, !decodedPath.contains("\\"), !decodedPath.hasPrefix("//"),
              SiteRoutes.answersGET(decodedPath) else { return SiteURL.home.path }
        return path
    }
}
