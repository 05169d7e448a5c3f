import Foundation
import Plot
import TertialCore
import TertialStore
import Vapor

/// A new token's secret ("tertial_" and 43 random characters), the hash the database keeps and the
/// first characters an administrator tells it by. The page and `tertial api-token create` both make them here.
public struct APITokenSecret: Sendable {
    public let secret: String
    public var hash: String { AuthMiddleware.sessionID(for: secret) }
    public var hint: String { String(secret.prefix(12)) }
    public static func make() -> APITokenSecret { APITokenSecret(secret: "tertial_" + AuthMiddleware.randomToken()) }
}

/// Administrators make an API token per integration (issue 24, point 3): its name, scopes, units and
/// last day. The secret is shown once, on the page that answers the creation; only its hash is kept.
enum APITokensController {
    struct Form {
        var name = ""
        var scopes: Set<APIScope> = [.read]
        var allUnits = false
        var units: Set<String> = []
        var expires = ""
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        let oneYear = Day(Date()).adding(days: 365)
        return try await page(req, form: Form(expires: oneYear.description), errors: [], created: nil, status: .ok)
    }

    static func page(_ req: Request, form: Form, errors: [Forms.Problem], created: (name: String, secret: String)?, status: HTTPResponseStatus) async throws -> Response {
        let tokens = try await APITokens.all(on: req.store)
        let catalogue = try await Catalogue.load(on: req.store)
        return view(req, tokens: tokens, catalogue: catalogue, form: form, errors: errors, created: created).response(status: status)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let fields = try req.content.decode([String: String].self)
        var form = Form(name: fields["name"] ?? "", scopes: Set(APIScope.allCases.filter { fields["scope.\($0.rawValue)"] != nil }),
                        allUnits: fields["allUnits"] != nil,
                        units: Set(fields.keys.filter { $0.hasPrefix("unit.") }.map { String($0.dropFirst(5)) }),
                        expires: (fields["expires"] ?? "").trimmingCharacters(in: .whitespaces))
        var errors: [Forms.Problem] = []
        var expiresAt: Date?
        if !form.expires.isEmpty {
            if let day = Day(form.expires) {
                // Valid through the whole of its last day, Stockholm time.
                expiresAt = SwedishDate.startOfDay(day.adding(days: 1))
            } else {
                errors.append(.init("Sista giltighetsdag: skriv ett datum som 2027-12-31, eller lämna tomt för en nyckel utan slutdag.", at: "f-expires"))
            }
        }
        if !form.allUnits && form.units.isEmpty {
            errors.append(.init("Välj de enheter nyckeln får röra, eller Alla enheter.", at: "enheter"))
        }
        if errors.isEmpty {
            let secret = APITokenSecret.make()
            do {
                _ = try await APITokens.create(name: form.name, scopes: form.scopes, unitIDs: form.allUnits ? [] : Array(form.units),
                                               expiresAt: expiresAt, hash: secret.hash, hint: secret.hint, by: req.actor, on: req.store)
                let name = form.name.trimmingCharacters(in: .whitespacesAndNewlines)
                return try await page(req, form: Form(expires: Day(Date()).adding(days: 365).description), errors: [], created: (name, secret.secret), status: .created)
            } catch let refused as APITokens.Refused {
                switch refused {
                case .grant(.noName): errors.append(.init(refused.description, at: "f-name"))
                case .grant(.noScope), .grant(.unknownScope): errors.append(.init(refused.description, at: "behorigheter"))
                case .pastExpiry: errors.append(.init(refused.description, at: "f-expires"))
                default: errors.append(.init(refused.description, at: "enheter"))
                }
            }
        }
        form.name = String(form.name.prefix(200))
        return try await page(req, form: form, errors: errors, created: nil, status: .unprocessableEntity)
    }

    @Sendable static func revoke(_ req: Request) async throws -> Response {
        guard let id = req.parameters.get("tokenID").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        do { try await APITokens.revoke(id, by: req.actor, on: req.store) }
        catch APITokens.Refused.notFound { throw Abort(.notFound) }
        return req.redirect(to: SiteURL.apiTokens.path + "?aterkallad=1", redirectType: .normal)
    }
}
