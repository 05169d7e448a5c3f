import FluentKit
import Foundation
import JWTKit
import NIOConcurrencyHelpers
import Testing
import TertialCore
@testable import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Issue 24, point 1: an ID token is accepted only when signed by a key of the issuer's JWKS (read again when
/// the issuer rotates its keys), issued by the issuer for Tertial, not expired beyond the clock skew, and
/// carrying this sign-in's nonce; the account's roles are what its groups map to at each sign-in.
@Suite struct OIDCTests {
    static let issuer = "https://login.mark.example/realms/mark"
    static let clientID = "tertial"

    /// A provider whose discovery document and JWKS are served from memory; `jwks` can be changed (rotation).
    final class FakeIssuer: Sendable {
        let jwks = NIOLockedValueBox<String>("")
        let fetches = NIOLockedValueBox<Int>(0)

        func serve(_ request: ClientRequest) -> ClientResponse {
            let body: String
            switch request.url.path {
            case "/realms/mark/.well-known/openid-configuration":
                body = """
                {"issuer":"\(OIDCTests.issuer)","authorization_endpoint":"\(OIDCTests.issuer)/auth","token_endpoint":"\(OIDCTests.issuer)/token",
                 "jwks_uri":"\(OIDCTests.issuer)/certs","end_session_endpoint":"\(OIDCTests.issuer)/logout"}
                """
            case "/realms/mark/certs":
                fetches.withLockedValue { $0 += 1 }
                body = jwks.withLockedValue { $0 }
            default: return ClientResponse(status: .notFound)
            }
            return ClientResponse(status: .ok, headers: ["Content-Type": "application/json"], body: ByteBuffer(string: body))
        }
    }

    struct Token: JWTPayload {
        var iss = OIDCTests.issuer
        var sub = "a1b2c3"
        var aud = AudienceClaim(value: [OIDCTests.clientID])
        var exp = ExpirationClaim(value: Date().addingTimeInterval(300))
        var iat = IssuedAtClaim(value: Date())
        var nonce = "nonce-1"
        var preferred_username = "anna.svensson@mark.se"
        var name = "Anna Svensson"
        var groups = ["/Mark/Socialnämnden/Planerare"]
        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    static func jwk(_ key: ES256PrivateKey, kid: String) -> String {
        let (x, y) = key.publicKey.parameters!
        return #"{"kty":"EC","crv":"P-256","alg":"ES256","use":"sig","kid":"\#(kid)","x":"\#(x)","y":"\#(y)"}"#
    }

    static func sign(_ token: Token, with key: ES256PrivateKey, kid: String) async throws -> String {
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: key, kid: JWKIdentifier(string: kid))
        return try await keys.sign(token, kid: JWKIdentifier(string: kid))
    }

    static func provider(_ fake: FakeIssuer) -> OIDCProvider {
        OIDCProvider(settings: OIDCSettings(issuer: issuer, clientID: clientID), minimumRefetchInterval: 0) { fake.serve($0) }
    }

    @Test func onlyATokenFromTheIssuerForTertialWithThisNonceIsAccepted() async throws {
        let fake = FakeIssuer()
        let key = ES256PrivateKey(), other = ES256PrivateKey()
        fake.jwks.withLockedValue { $0 = #"{"keys":[\#(Self.jwk(key, kid: "k1"))]}"# }
        let provider = Self.provider(fake)
        func refused(_ token: String, nonce: String = "nonce-1", _ why: String) async {
            do {
                _ = try await provider.verify(idToken: token, nonce: nonce)
                Issue.record("accepted a token with \(why)")
            } catch let refused as OIDCProvider.Refused {
                #expect(!refused.description.isEmpty)
            } catch { Issue.record("\(why): \(error)") }
        }
        // the real thing
        let claims = try await provider.verify(idToken: try await Self.sign(Token(), with: key, kid: "k1"), nonce: "nonce-1")
        let identity = try provider.identity(claims, issuer: Self.issuer)
        #expect(identity.username == "anna.svensson@mark.se" && identity.groups == ["/Mark/Socialnämnden/Planerare"] && identity.displayName == "Anna Svensson")
        // signed by another key under the same key id
        await refused(try await Self.sign(Token(), with: other, kid: "k1"), "the wrong key")
        // for another client
        var forOthers = Token(); forOthers.aud = AudienceClaim(value: ["someone-else"])
        await refused(try await Self.sign(forOthers, with: key, kid: "k1"), "the wrong audience")
        // several audiences, and azp is not Tertial
        var several = Token(); several.aud = AudienceClaim(value: [Self.clientID, "other"])
        await refused(try await Self.sign(several, with: key, kid: "k1"), "several audiences without azp")
        // by another issuer
        var foreign = Token(); foreign.iss = "https://evil.example"
        await refused(try await Self.sign(foreign, with: key, kid: "k1"), "the wrong issuer")
        // expired two minutes ago (beyond the minute of clock skew); thirty seconds is within it
        var expired = Token(); expired.exp = ExpirationClaim(value: Date().addingTimeInterval(-120))
        await refused(try await Self.sign(expired, with: key, kid: "k1"), "an expired token")
        var justExpired = Token(); justExpired.exp = ExpirationClaim(value: Date().addingTimeInterval(-30))
        _ = try await provider.verify(idToken: try await Self.sign(justExpired, with: key, kid: "k1"), nonce: "nonce-1")
        // issued in the future
        var future = Token(); future.iat = IssuedAtClaim(value: Date().addingTimeInterval(600))
        await refused(try await Self.sign(future, with: key, kid: "k1"), "a future iat")
        // a token from another sign-in (its nonce) replayed into this one
        await refused(try await Self.sign(Token(), with: key, kid: "k1"), nonce: "nonce-2", "a replayed nonce")
        // unsigned ("alg": "none") and garbage
        let header = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64URLEncoded
        let body = try await Self.sign(Token(), with: key, kid: "k1").split(separator: ".")[1]
        await refused("\(header).\(body).", "alg none")
        await refused("inte-en-jwt", "garbage")
    }

    @Test func aRotatedKeyIsFetchedOnceAndTheOldOneStopsWorking() async throws {
        let fake = FakeIssuer()
        let old = ES256PrivateKey(), new = ES256PrivateKey()
        fake.jwks.withLockedValue { $0 = #"{"keys":[\#(Self.jwk(old, kid: "2026-1"))]}"# }
        let provider = Self.provider(fake)
        _ = try await provider.verify(idToken: try await Self.sign(Token(), with: old, kid: "2026-1"), nonce: "nonce-1")
        #expect(fake.fetches.withLockedValue { $0 } == 1)
        _ = try await provider.verify(idToken: try await Self.sign(Token(), with: old, kid: "2026-1"), nonce: "nonce-1")
        #expect(fake.fetches.withLockedValue { $0 } == 1) // cached
        // the issuer rotates: the new key replaces the old in its JWKS
        fake.jwks.withLockedValue { $0 = #"{"keys":[\#(Self.jwk(new, kid: "2026-2"))]}"# }
        _ = try await provider.verify(idToken: try await Self.sign(Token(), with: new, kid: "2026-2"), nonce: "nonce-1")
        #expect(fake.fetches.withLockedValue { $0 } == 2)
        do {
            _ = try await provider.verify(idToken: try await Self.sign(Token(), with: old, kid: "2026-1"), nonce: "nonce-1")
            Issue.record("a key the issuer has withdrawn was accepted")
        } catch is OIDCProvider.Refused {}
    }

    @Test func rolesAreWhatTheGroupsGiveAtEachSignIn() async throws {
        try await withTertial { app in
            let admin = Actor(name: "admin")
            try await GroupMappings.add(group: "/Mark/Socialnämnden/Planerare", grant: .unit("mark-sn", .planner), by: admin, on: app.db)
            try await GroupMappings.add(group: "/Mark/IFO", grant: .unit("mark-sf-ifo", .reporter), by: admin, on: app.db)
            try await GroupMappings.add(group: "tertial-admins", grant: .administrator, by: admin, on: app.db)
            func signIn(_ groups: [String], name: String = "Anna Svensson") async throws -> AccountModel {
                try await ExternalSignIns.signIn(.init(issuer: Self.issuer, subject: "a1b2c3", username: "Anna.Svensson@mark.se", displayName: name, groups: groups),
                                                 on: app.db)
            }
            let first = try await signIn(["/Mark/Socialnämnden/Planerare", "/Mark/IFO", "okänd grupp"])
            #expect(first.username == "anna.svensson@mark.se" && first.passwordHash == nil && !first.isAdministrator)
            #expect(try await Accounts.roles(of: first.id!, on: app.db) == ["mark-sn": .planner, "mark-sf-ifo": .reporter])
            // she leaves IFO and joins the administrators: the next sign-in says so, and the same account is used
            let second = try await signIn(["/Mark/Socialnämnden/Planerare", "tertial-admins"], name: "Anna Svensson Berg")
            #expect(second.id == first.id && second.isAdministrator && second.displayName == "Anna Svensson Berg")
            #expect(try await Accounts.roles(of: first.id!, on: app.db) == ["mark-sn": .planner])
            let third = try await signIn([])
            let rolesAfter = try await Accounts.roles(of: first.id!, on: app.db)
            #expect(!third.isAdministrator && rolesAfter.isEmpty)
            // every change is in the audit trail
            let changes = try await AuditRecordModel.query(on: app.db).filter(\.$entityID == "anna.svensson@mark.se").all()
            #expect(changes.contains { $0.field == "roll på mark-sf-ifo" && $0.oldValue == "Rapportör" && $0.newValue == nil })
            #expect(changes.contains { $0.field == "administratör" && $0.oldValue == "nej" && $0.newValue == "ja" })
            #expect(changes.contains { $0.field == "administratör" && $0.oldValue == "ja" && $0.newValue == "nej" })
            // a local account of the same name is never taken over
            try await Visitor.account(app, "bo@mark.se")
            await #expect(throws: ExternalSignIns.Refused.usernameTaken("bo@mark.se")) {
                _ = try await ExternalSignIns.signIn(.init(issuer: Self.issuer, subject: "zz", username: "bo@mark.se", displayName: nil, groups: []), on: app.db)
            }
            // a new identity (another subject) with Anna's user name is not let into her account
            await #expect(throws: ExternalSignIns.Refused.usernameOfAnotherIdentity("anna.svensson@mark.se")) {
                _ = try await ExternalSignIns.signIn(.init(issuer: Self.issuer, subject: "new-sub", username: "anna.svensson@mark.se", displayName: nil,
                                                           groups: ["tertial-admins"]), on: app.db)
            }
            // a sign-in's state is used once, and not after ten minutes
            try await ExternalSignIns.begin(stateHash: "s1", nonce: "n", verifier: "v", returnTo: "/", on: app.db)
            #expect(try await ExternalSignIns.finish(stateHash: "s1", on: app.db)?.nonce == "n")
            #expect(try await ExternalSignIns.finish(stateHash: "s1", on: app.db) == nil)
            try await ExternalSignIns.begin(stateHash: "s2", nonce: "n", verifier: "v", returnTo: "/", at: Date().addingTimeInterval(-700), on: app.db)
            #expect(try await ExternalSignIns.finish(stateHash: "s2", on: app.db) == nil)
        }
    }
}

extension OIDCTests {
    /// With TERTIAL_LOCAL_SIGN_IN=administrators a password signs in only a local administrator (break-glass);
    /// with off, no one. Each refusal is audited.
    @Test func localSignInCanBeLimitedToAdministratorsOrTurnedOff() async throws {
        try await withTertial([]) { app in
            try await Visitor.account(app, "ada", admin: true)
            try await Visitor.account(app, "bo")
            app.storage[LocalSignInKey.self] = .administrators
            #expect(try await Visitor(app).signIn("bo").status == .forbidden)
            #expect(try await Visitor(app).signIn("ada").status == .seeOther)
            let refused = try await AuditRecordModel.query(on: app.db).filter(\.$action == "sign-in-failed").filter(\.$entityID == "bo").count()
            #expect(refused == 1)
            app.storage[LocalSignInKey.self] = .off
            #expect(try await Visitor(app).signIn("ada").status == .forbidden)
            let page = try await Visitor(app).get(SiteURL.signIn.path)
            #expect(!page.text.contains("f-password"))
        }
    }
}
