import Foundation
import Plot
import TertialCore
import TertialStore
import Vapor

/// Sign-in through the municipality's identity provider: the authorization code flow with PKCE, `state` and
/// `nonce` (kept in the database, used once), the ID token verified by `OIDCProvider`, the account and its roles
/// made from the token's groups (`ExternalSignIns`), then a session as with a password. Each sign-in and each
/// refusal is audited with its reason; the person sees a Swedish message, never a token.
enum ExternalSignInController {
    static func redirectURI(_ req: Request, _ provider: OIDCProvider) -> String {
        provider.settings.redirectURL ?? SiteURL.base(for: req) + SiteURL.signInCallback.path
    }

    @Sendable static func start(_ req: Request) async throws -> Response {
        guard let provider = req.application.oidc else { throw Abort(.notFound) }
        let state = AuthMiddleware.randomToken(), nonce = AuthMiddleware.randomToken(), verifier = AuthMiddleware.randomToken() + AuthMiddleware.randomToken()
        let returnTo = SignInController.safeReturnPath(req.query[String.self, at: "till"])
        let url: String
        do {
            url = try await provider.authorizationURL(state: state, nonce: nonce, verifier: verifier, redirectURI: redirectURI(req, provider))
        } catch {
            req.logger.error("Inloggningen (OIDC) kunde inte nå \(provider.settings.issuer): \(error)")
            return SignInController.page(req, username: "", returnTo: returnTo,
                                         error: "Kommunens inloggning svarar inte just nu. Försök igen om en stund.").response(status: .serviceUnavailable)
        }
        try await ExternalSignIns.begin(stateHash: AuthMiddleware.sessionID(for: state), nonce: nonce, verifier: verifier, returnTo: returnTo, on: req.store)
        return req.redirect(to: url, redirectType: .normal)
    }

    @Sendable static func callback(_ req: Request) async throws -> Response {
        guard let provider = req.application.oidc else { throw Abort(.notFound) }
        let address = req.actor.address
        func refuse(_ reason: String, _ message: String, status: HTTPResponseStatus = .unauthorized) async throws -> Response {
            try await AuditLog.append(.init(.signInFailed, "konto", "(kommunens inloggning)", new: String(reason.prefix(300))),
                                      by: Actor(name: "anonym", address: address), on: req.store)
            req.application.metrics.signIn("refused")
            req.logger.notice("Inloggning via \(provider.settings.issuer) nekad: \(reason)")
            return SignInController.page(req, username: "", returnTo: SiteURL.home.path, error: message).response(status: status)
        }
        if let error = req.query[String.self, at: "error"] {
            return try await refuse("leverantören svarade \(error.prefix(60))", "Inloggningen avbröts hos kommunens inloggning. Försök igen.")
        }
        guard let state = req.query[String.self, at: "state"], let code = req.query[String.self, at: "code"],
              let pending = try await ExternalSignIns.finish(stateHash: AuthMiddleware.sessionID(for: state), on: req.store) else {
            return try await refuse("okänd, använd eller för gammal state", "Inloggningen har gått ut eller redan använts. Börja om och logga in igen.",
                                    status: .badRequest)
        }
        let identity: ExternalSignIns.Identity
        do {
            let idToken = try await provider.exchange(code: code, verifier: pending.verifier, redirectURI: redirectURI(req, provider))
            let claims = try await provider.verify(idToken: idToken, nonce: pending.nonce)
            identity = try provider.identity(claims, issuer: try await provider.discovery().issuer)
        } catch let refused as OIDCProvider.Refused {
            return try await refuse(refused.description, "Inloggningen kunde inte godkännas. Försök igen; om det upprepas, kontakta administratören.")
        } catch {
            // The provider could not be reached, or answered something that is not JSON.
            req.logger.error("Inloggningen (OIDC) mot \(provider.settings.issuer) misslyckades: \(error)")
            return try await refuse("leverantören kunde inte nås: \(type(of: error))", "Kommunens inloggning svarar inte just nu. Försök igen om en stund.",
                                    status: .serviceUnavailable)
        }
        let account: AccountModel
        do {
            account = try await ExternalSignIns.signIn(identity, on: req.store)
        } catch let refused as ExternalSignIns.Refused {
            return try await refuse(refused.description, refused.description, status: .forbidden)
        }
        return try await SignInController.startSession(req, account: account, returnTo: pending.returnTo,
                                                       audit: .init(.signIn, "konto", account.username, field: "via", new: identity.issuer))
    }

    /// Where sign-out sends a person who signed in through the provider: its end-session endpoint
    /// (RP-initiated logout), when it has one, and back to Tertial's start page.
    static func endSessionURL(_ req: Request, account: AccountModel?) async -> String? {
        guard let provider = req.application.oidc, let account, account.externalIssuer != nil,
              let endpoint = try? await provider.discovery().end_session_endpoint, var components = URLComponents(string: endpoint) else { return nil }
        components.queryItems = (components.queryItems ?? []) + [
            .init(name: "client_id", value: provider.settings.clientID),
            .init(name: "post_logout_redirect_uri", value: SiteURL.base(for: req) + SiteURL.home.path),
        ]
        return components.string
    }
}

/// The administrator's page for the mappings from the provider's groups (or app roles) to roles.
enum GroupMappingsController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        try await page(req, group: "", errors: [], status: .ok)
    }

    static func page(_ req: Request, group: String, errors: [Forms.Problem], status: HTTPResponseStatus) async throws -> Response {
        let mappings = try await GroupMappings.all(on: req.store)
        let catalogue = try await Catalogue.load(on: req.store)
        return view(req, mappings: mappings, catalogue: catalogue, group: group, errors: errors).response(status: status)
    }

    @Sendable static func add(_ req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let group = form["group"] ?? ""
        let grant: GroupGrant
        switch form["grant"] ?? "" {
        case "administrator": grant = .administrator
        case "auditor": grant = .auditor
        case let raw:
            guard let role = UnitRole(rawValue: raw) else {
                return try await page(req, group: group, errors: [.init("Välj en roll.", at: "f-grant")], status: .unprocessableEntity)
            }
            guard let unit = form["unit"], !unit.isEmpty else {
                return try await page(req, group: group, errors: [.init(GroupMappings.Refused.noUnit.description, at: "f-unit")], status: .unprocessableEntity)
            }
            grant = .unit(unit, role)
        }
        do {
            try await GroupMappings.add(group: group, grant: grant, by: req.actor, on: req.store)
        } catch let refused as GroupMappings.Refused {
            return try await page(req, group: group, errors: [.init(refused.description, at: "f-group")], status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.groupMappings.path + "?sparat=1", redirectType: .normal)
    }

    @Sendable static func remove(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("mappingID").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        do { try await GroupMappings.remove(id, by: req.actor, on: req.store) }
        catch GroupMappings.Refused.notFound { throw Abort(.notFound) }
        return req.redirect(to: SiteURL.groupMappings.path + "?borttagen=1", redirectType: .normal)
    }
}
