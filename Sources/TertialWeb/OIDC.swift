import Crypto
import Foundation
import JWTKit
import NIOConcurrencyHelpers
import TertialCore
import TertialStore
import Vapor

/// Sign-in through the municipality's OpenID Connect provider (Entra ID, Keycloak, …), configured from the
/// environment (`TERTIAL_OIDC_*`, see README "Sign-in through the municipality's identity provider").
struct OIDCSettings: Sendable {
    var issuer: String
    var clientID: String
    var clientSecret: String?
    /// Where the provider sends the person back; must be registered with the provider exactly.
    var redirectURL: String?
    var usernameClaim = "preferred_username"
    var groupsClaim = "groups"
    var displayNameClaim = "name"
    var scopes = "openid profile email"
    var buttonLabel = "Logga in med kommunens konto"
    var clockSkew: TimeInterval = 60

    static func fromEnvironment() -> OIDCSettings? {
        func value(_ name: String) -> String? { Environment.get(name).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
        guard let issuer = value("TERTIAL_OIDC_ISSUER"), let clientID = value("TERTIAL_OIDC_CLIENT_ID") else { return nil }
        var settings = OIDCSettings(issuer: issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer, clientID: clientID,
                                    clientSecret: value("TERTIAL_OIDC_CLIENT_SECRET"), redirectURL: value("TERTIAL_OIDC_REDIRECT_URL"))
        if let claim = value("TERTIAL_OIDC_USERNAME_CLAIM") { settings.usernameClaim = claim }
        if let claim = value("TERTIAL_OIDC_GROUPS_CLAIM") { settings.groupsClaim = claim }
        if let claim = value("TERTIAL_OIDC_NAME_CLAIM") { settings.displayNameClaim = claim }
        if let scopes = value("TERTIAL_OIDC_SCOPES") { settings.scopes = scopes }
        if let label = value("TERTIAL_OIDC_BUTTON") { settings.buttonLabel = label }
        return settings
    }
}

/// The provider as Tertial talks to it: discovery (cached an hour), the code exchange, and the ID token's
/// verification — signature against the provider's JWKS (fetched again when a token names a key it does not
/// have: key rotation), issuer, audience (and `azp` when there are several), expiry, issue time and not-before
/// with `clockSkew`, and the nonce of this sign-in.
final class OIDCProvider: Sendable {
    struct Discovery: Codable, Sendable {
        let issuer: String
        let authorization_endpoint: String
        let token_endpoint: String
        let jwks_uri: String
        let end_session_endpoint: String?
    }

    /// Why a sign-in was refused; the message is for the audit trail and the person (never a token).
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    typealias Fetch = @Sendable (ClientRequest) async throws -> ClientResponse

    let settings: OIDCSettings
    let fetch: Fetch
    let minimumRefetchInterval: TimeInterval
    private struct Cache {
        var discovery: (Discovery, Date)?
        var keys: (JWTKeyCollection, Date)?
        /// The key ids of the JWKS read last.
        var kids: Set<String> = []
    }
    private let cache = NIOLockedValueBox(Cache())

    init(settings: OIDCSettings, minimumRefetchInterval: TimeInterval = 10, fetch: @escaping Fetch) {
        self.settings = settings; self.fetch = fetch; self.minimumRefetchInterval = minimumRefetchInterval
    }

    func get(_ url: String) async throws -> Data {
        let response = try await fetch(ClientRequest(method: .GET, url: URI(string: url), headers: ["Accept": "application/json"]))
        guard response.status == .ok, let body = response.body else {
            throw Refused(description: "\(url) svarade \(response.status.code)")
        }
        return Data(body.readableBytesView)
    }

    func discovery(now: Date = Date()) async throws -> Discovery {
        if let (known, at) = cache.withLockedValue({ $0.discovery }), now.timeIntervalSince(at) < 3600 { return known }
        let data = try await get(settings.issuer + "/.well-known/openid-configuration")
        let discovery = try JSONDecoder().decode(Discovery.self, from: data)
        // The document must be the issuer's own (OpenID Connect Discovery 1.0, section 4.3).
        guard discovery.issuer.trimmingCharacters(in: ["/"]) == settings.issuer.trimmingCharacters(in: ["/"]) else {
            throw Refused(description: "Inloggningens discovery-dokument anger utfärdaren \(discovery.issuer), inte \(settings.issuer)")
        }
        cache.withLockedValue { $0.discovery = (discovery, now) }
        return discovery
    }

    func keys(refresh: Bool, now: Date = Date()) async throws -> JWTKeyCollection {
        if let (known, at) = cache.withLockedValue({ $0.keys }), !refresh || now.timeIntervalSince(at) < minimumRefetchInterval { return known }
        let data = try await get(try await discovery(now: now).jwks_uri)
        let keys = JWTKeyCollection()
        try await keys.add(jwksJSON: String(decoding: data, as: UTF8.self))
        let kids = Set(((try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["keys"] as? [[String: Any]] ?? []).compactMap { $0["kid"] as? String })
        cache.withLockedValue { $0.keys = (keys, now); $0.kids = kids }
        return keys
    }

    /// The authorization request's URL (code flow with PKCE S256).
    func authorizationURL(state: String, nonce: String, verifier: String, redirectURI: String) async throws -> String {
        let challenge = Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded
        var components = URLComponents(string: try await discovery().authorization_endpoint)!
        components.queryItems = (components.queryItems ?? []) + [
            .init(name: "response_type", value: "code"), .init(name: "client_id", value: settings.clientID),
            .init(name: "redirect_uri", value: redirectURI), .init(name: "scope", value: settings.scopes),
            .init(name: "state", value: state), .init(name: "nonce", value: nonce),
            .init(name: "code_challenge", value: challenge), .init(name: "code_challenge_method", value: "S256"),
        ]
        return components.string!
    }

    /// The code for the ID token, at the token endpoint (client_secret_post, or a public client with PKCE only).
    func exchange(code: String, verifier: String, redirectURI: String) async throws -> String {
        var form = ["grant_type": "authorization_code", "code": code, "redirect_uri": redirectURI, "client_id": settings.clientID, "code_verifier": verifier]
        if let secret = settings.clientSecret { form["client_secret"] = secret }
        var request = ClientRequest(method: .POST, url: URI(string: try await discovery().token_endpoint), headers: ["Accept": "application/json"])
        try request.content.encode(form, as: .urlEncodedForm)
        let response = try await fetch(request)
        let body = response.body.map { Data($0.readableBytesView) } ?? Data()
        let json = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        guard response.status == .ok, let idToken = json["id_token"] as? String else {
            throw Refused(description: "Inloggningens token-tjänst svarade \(response.status.code)" + ((json["error"] as? String).map { " (\($0))" } ?? ""))
        }
        return idToken
    }

    /// The standard claims jwt-kit reads; the rest (user name, groups) is read from the verified payload.
    struct Claims: JWTPayload {
        let iss: String?
        let sub: String?
        let aud: AudienceClaim?
        let exp: ExpirationClaim?
        let iat: IssuedAtClaim?
        let nbf: NotBeforeClaim?
        let nonce: String?
        let azp: String?
        func verify(using algorithm: some JWTAlgorithm) async throws {} // checked in `verify(idToken:)` with the sign-in's facts
    }

    /// The verified ID token's claims; `Refused` names what failed.
    func verify(idToken: String, nonce: String, now: Date = Date()) async throws -> [String: Any] {
        let parts = idToken.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = Data(base64URLEncoded: String(parts[0])),
              let header = try? JSONSerialization.jsonObject(with: headerData) as? [String: Any] else {
            throw Refused(description: "ID-token är inte en JWT")
        }
        let kid = header["kid"] as? String
        var claims: Claims
        do {
            let keys = try await keys(refresh: false, now: now)
            // A key id the JWKS read last does not have: the provider has rotated its keys since; read them again, once.
            if let kid, !cache.withLockedValue({ $0.kids.contains(kid) }) {
                claims = try await self.keys(refresh: true, now: now).verify(idToken, as: Claims.self, iteratingKeys: false)
            } else {
                claims = try await keys.verify(idToken, as: Claims.self, iteratingKeys: kid == nil)
            }
        } catch let refused as Refused {
            throw refused
        } catch {
            throw Refused(description: "ID-token har en signatur som inte stämmer med utfärdarens nycklar (\(Self.reason(error)))")
        }
        let issuer = try await discovery(now: now).issuer
        guard claims.iss == issuer else { throw Refused(description: "ID-token är utfärdat av \(claims.iss ?? "okänd"), inte \(issuer)") }
        guard let audience = claims.aud?.value, audience.contains(settings.clientID) else {
            throw Refused(description: "ID-token är inte utfärdat för Tertial (aud)")
        }
        if audience.count > 1, claims.azp != settings.clientID { throw Refused(description: "ID-token har flera mottagare men azp är inte Tertial") }
        guard let expires = claims.exp?.value, expires.addingTimeInterval(settings.clockSkew) > now else {
            throw Refused(description: "ID-token har gått ut")
        }
        if let issued = claims.iat?.value, issued.addingTimeInterval(-settings.clockSkew) > now { throw Refused(description: "ID-token är utfärdat i framtiden (iat)") }
        if let notBefore = claims.nbf?.value, notBefore.addingTimeInterval(-settings.clockSkew) > now { throw Refused(description: "ID-token gäller inte än (nbf)") }
        guard let sent = claims.nonce, sent == nonce else { throw Refused(description: "ID-token hör inte till den här inloggningen (nonce)") }
        guard let sub = claims.sub, !sub.isEmpty else { throw Refused(description: "ID-token saknar sub") }
        guard let payload = Data(base64URLEncoded: String(parts[1])), let all = try? JSONSerialization.jsonObject(with: payload) as? [String: Any] else {
            throw Refused(description: "ID-token kan inte läsas")
        }
        return all
    }

    static func reason(_ error: any Error) -> String {
        if let jwt = error as? JWTError { return jwt.errorType.description }
        return String(describing: type(of: error))
    }

    /// The person the claims describe, with the configured user name and groups claims.
    func identity(_ claims: [String: Any], issuer: String) throws -> ExternalSignIns.Identity {
        guard let subject = claims["sub"] as? String else { throw Refused(description: "ID-token saknar sub") }
        guard let username = (claims[settings.usernameClaim] as? String) ?? (claims["email"] as? String), !username.isEmpty else {
            throw Refused(description: "ID-token saknar anspråket \(settings.usernameClaim) (TERTIAL_OIDC_USERNAME_CLAIM)")
        }
        let groups: [String]
        switch claims[settings.groupsClaim] {
        case let list as [Any]: groups = list.compactMap { $0 as? String }
        case let single as String: groups = [single]
        default: groups = []
        }
        return ExternalSignIns.Identity(issuer: issuer, subject: subject, username: username,
                                        displayName: claims[settings.displayNameClaim] as? String, groups: groups)
    }
}

extension Data {
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        self.init(base64Encoded: base64)
    }
}

struct OIDCProviderKey: StorageKey { typealias Value = OIDCProvider }
struct LocalSignInKey: StorageKey { typealias Value = LocalSignIn }

extension Application {
    /// The identity provider, when `TERTIAL_OIDC_ISSUER` and `TERTIAL_OIDC_CLIENT_ID` are set.
    var oidc: OIDCProvider? { storage[OIDCProviderKey.self] }
    /// Who may sign in with a password (`TERTIAL_LOCAL_SIGN_IN`: on, administrators, off; default on).
    var localSignIn: LocalSignIn { storage[LocalSignInKey.self] ?? .on }
}
