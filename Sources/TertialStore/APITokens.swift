import FluentKit
import Foundation
import TertialCore

public final class APITokenModel: Model, @unchecked Sendable {
    public static let schema = "api_tokens"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    /// The integration's name: writes are audited under it ("api:Ekonomisystemet").
    @Field(key: "name") public var name: String
    /// The SHA-256 of the secret; the secret itself is shown once and never stored.
    @Field(key: "token_hash") public var tokenHash: String
    /// The secret's first characters, so an administrator can tell tokens apart ("tertial_Ab3…").
    @Field(key: "hint") public var hint: String
    /// Space-separated scopes ("read write:values").
    @Field(key: "scopes") public var scopes: String
    /// Space-separated unit ids; empty: every unit.
    @Field(key: "unit_ids") public var unitIDs: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "created_by") public var createdBy: String
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    @OptionalField(key: "revoked_by") public var revokedBy: String?
    public init() {}

    public var grant: APIGrant {
        APIGrant(name: name, scopes: Set(scopes.split(separator: " ").compactMap { APIScope(rawValue: String($0)) }),
                 unitIDs: unitIDs.split(separator: " ").map(String.init))
    }

    public func isUsable(at date: Date) -> Bool { revokedAt == nil && (expiresAt.map { $0 > date } ?? true) }

    /// Who acts when the token writes: the integration, by name, from the caller's address.
    public func actor(address: String?) -> Actor { Actor(name: "api:\(name)", address: address) }
}

/// API tokens made by an administrator per integration: created, listed, used, revoked — each audited.
public enum APITokens {
    public enum Refused: Error, Sendable, CustomStringConvertible {
        case grant(APIGrant.Refused)
        case unknownUnit(String)
        case pastExpiry
        case notFound

        public var description: String {
            switch self {
            case .grant(let refused): refused.description
            case .unknownUnit(let id): "Enheten \"\(id.prefix(60))\" finns inte."
            case .pastExpiry: "Sista giltighetsdag måste ligga efter i dag."
            case .notFound: "Nyckeln finns inte."
            }
        }
    }

    /// Stores a new token (`hash` of the secret the web made; `hint` its first characters).
    public static func create(name rawName: String, scopes: Set<APIScope>, unitIDs: [String], expiresAt: Date?, hash: String, hint: String,
                              by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> APITokenModel {
        let name = rawName.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 80, !name.contains(where: { $0.isNewline }) else { throw Refused.grant(.noName) }
        guard !scopes.isEmpty else { throw Refused.grant(.noScope) }
        if let expiresAt, expiresAt <= date { throw Refused.pastExpiry }
        return try await database.writeTransaction { db in
            let units = Array(Set(unitIDs)).sorted()
            let known = Set(try await OrgUnitModel.query(on: db).filter(\.$id ~~ units).all().compactMap(\.id))
            if let unknown = units.first(where: { !known.contains($0) }) { throw Refused.unknownUnit(unknown) }
            let token = APITokenModel()
            token.id = UUID(); token.name = name; token.tokenHash = hash; token.hint = hint
            token.scopes = APIScope.allCases.filter(scopes.contains).map(\.rawValue).joined(separator: " ")
            token.unitIDs = units.joined(separator: " ")
            token.createdAt = date; token.createdBy = actor.name; token.expiresAt = expiresAt
            try await token.create(on: db)
            try await AuditLog.append(.init(.create, "api-nyckel", name, field: "behörigheter",
                                            new: token.scopes + (units.isEmpty ? " · alla enheter" : " · " + units.joined(separator: ", "))
                                                + (expiresAt.map { " · giltig till \(Day($0))" } ?? "")),
                                      by: actor, at: date, on: db)
            return token
        }
    }

    public static func all(on db: any Database) async throws -> [APITokenModel] {
        try await APITokenModel.query(on: db).sort(\.$createdAt, .descending).all()
    }

    /// The usable token whose secret has this hash (nil: unknown, revoked or expired). Its last use is
    /// written at most once a minute, so a busy integration does not write on every read.
    public static func use(hash: String, at date: Date = Date(), on db: any Database) async throws -> APITokenModel? {
        guard let token = try await APITokenModel.query(on: db).filter(\.$tokenHash == hash).first(), token.isUsable(at: date) else { return nil }
        if (token.lastUsedAt.map { date.timeIntervalSince($0) >= 60 } ?? true) {
            let id = token.id!
            try await db.writeTransaction { db in
                try await APITokenModel.query(on: db).filter(\.$id == id).set(\.$lastUsedAt, to: date).update()
            }
            token.lastUsedAt = date
        }
        return token
    }

    public static func revoke(_ id: UUID, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let token = try await APITokenModel.find(id, on: db) else { throw Refused.notFound }
            guard token.revokedAt == nil else { return }
            token.revokedAt = date; token.revokedBy = actor.name
            try await token.update(on: db)
            try await AuditLog.append(.init(.delete, "api-nyckel", token.name, field: "återkallad"), by: actor, at: date, on: db)
        }
    }
}
