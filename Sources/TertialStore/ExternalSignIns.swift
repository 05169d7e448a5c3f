import FluentKit
import Foundation
import TertialCore

public final class GroupMappingModel: Model, @unchecked Sendable {
    public static let schema = "group_mappings"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "group_name") public var group: String
    /// A unit role ("planner", "reporter", "reader"), "administrator" or "auditor".
    @Field(key: "grant") public var grant: String
    @OptionalField(key: "unit_id") public var unitID: String?
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}

    public var mapping: GroupMapping? {
        switch grant {
        case "administrator": GroupMapping(group: group, grant: .administrator)
        case "auditor": GroupMapping(group: group, grant: .auditor)
        default: UnitRole(rawValue: grant).flatMap { role in unitID.map { GroupMapping(group: group, grant: .unit($0, role)) } }
        }
    }
}

public final class ExternalSignInModel: Model, @unchecked Sendable {
    public static let schema = "external_sign_ins"
    /// The SHA-256 of the `state` sent to the provider.
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "nonce") public var nonce: String
    /// The PKCE code verifier.
    @Field(key: "verifier") public var verifier: String
    @Field(key: "return_to") public var returnTo: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// The administrator's mappings from the provider's groups (or app roles) to Tertial's roles.
public enum GroupMappings {
    public enum Refused: Error, CustomStringConvertible, Sendable {
        case noGroup, unknownUnit(String), noUnit, notFound
        public var description: String {
            switch self {
            case .noGroup: "Skriv gruppens namn eller id som det står i inloggningens grupp-anspråk."
            case .unknownUnit(let id): "Enheten \"\(id.prefix(60))\" finns inte."
            case .noUnit: "Välj vilken enhet rollen gäller."
            case .notFound: "Kopplingen finns inte."
            }
        }
    }

    public static func all(on db: any Database) async throws -> [GroupMappingModel] {
        try await GroupMappingModel.query(on: db).sort(\.$group).sort(\.$createdAt).all()
    }

    public static func add(group rawGroup: String, grant: GroupGrant, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        let group = rawGroup.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !group.isEmpty, group.count <= 300 else { throw Refused.noGroup }
        try await database.writeTransaction { db in
            let model = GroupMappingModel()
            model.id = UUID(); model.group = group; model.createdBy = actor.name; model.createdAt = date
            switch grant {
            case .unit(let unit, let role):
                guard try await OrgUnitModel.find(unit, on: db) != nil else { throw Refused.unknownUnit(unit) }
                model.grant = role.rawValue; model.unitID = unit
            case .administrator: model.grant = "administrator"
            case .auditor: model.grant = "auditor"
            }
            if try await GroupMappingModel.query(on: db).filter(\.$group == group).filter(\.$grant == model.grant)
                .filter(\.$unitID == model.unitID).first() != nil { return }
            try await model.create(on: db)
            try await AuditLog.append(.init(.create, "gruppkoppling", group, field: "ger", new: describe(grant)), by: actor, at: date, on: db)
        }
    }

    public static func remove(_ id: UUID, by actor: Actor, at date: Date = Date(), on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let model = try await GroupMappingModel.find(id, on: db) else { throw Refused.notFound }
            try await model.delete(on: db)
            try await AuditLog.append(.init(.delete, "gruppkoppling", model.group, field: "ger", old: model.mapping.map { describe($0.grant) } ?? model.grant),
                                      by: actor, at: date, on: db)
        }
    }

    static func describe(_ grant: GroupGrant) -> String {
        switch grant {
        case .unit(let unit, let role): "\(role.label) på \(unit)"
        case .administrator: "Administratör"
        case .auditor: "Revisor"
        }
    }
}

/// Sign-in through the municipality's OpenID Connect provider: the sign-ins under way, and the account a
/// verified identity signs in as, with its roles made from its groups.
public enum ExternalSignIns {
    /// How long a person may take at the provider's sign-in page.
    public static let lifetime: TimeInterval = 600

    public struct Pending: Sendable {
        public let nonce: String
        public let verifier: String
        public let returnTo: String
    }

    /// What the verified ID token says about the person.
    public struct Identity: Sendable {
        public let issuer: String
        public let subject: String
        public let username: String
        public let displayName: String?
        public let groups: [String]

        public init(issuer: String, subject: String, username: String, displayName: String?, groups: [String]) {
            self.issuer = issuer; self.subject = subject; self.username = username; self.displayName = displayName; self.groups = groups
        }
    }

    public enum Refused: Error, CustomStringConvertible, Sendable, Equatable {
        case invalidUsername(String)
        case usernameTaken(String)
        /// Another identity from the provider (another subject) already signs in with this user name.
        case usernameOfAnotherIdentity(String)
        case disabled(String)
        public var description: String {
            switch self {
            case .invalidUsername(let name):
                "Inloggningen skickade användarnamnet \"\(name.prefix(80))\", som Tertial inte kan använda (a–z, 0–9, punkt, bindestreck, understreck, @). Be administratören se över TERTIAL_OIDC_USERNAME_CLAIM."
            case .usernameTaken(let name):
                "Det finns redan ett lokalt konto \"\(name)\" i Tertial. Av säkerhetsskäl kopplas det inte ihop med inloggningen; be administratören byta namn på det lokala kontot."
            case .usernameOfAnotherIdentity(let name):
                "Användarnamnet \"\(name)\" hör redan till en annan identitet i kommunens inloggning. Be administratören ta bort eller byta namn på det gamla kontot i Tertial."
            case .disabled(let name): "Kontot \"\(name)\" är avstängt i Tertial."
            }
        }
    }

    public static func begin(stateHash: String, nonce: String, verifier: String, returnTo: String, at date: Date = Date(), on database: any Database) async throws {
        try await database.writeTransaction { db in
            try await ExternalSignInModel.query(on: db).filter(\.$createdAt < date.addingTimeInterval(-lifetime)).delete()
            let model = ExternalSignInModel()
            model.id = stateHash; model.nonce = nonce; model.verifier = verifier; model.returnTo = returnTo; model.createdAt = date
            try await model.create(on: db)
        }
    }

    /// The sign-in this `state` began, taken out (a state is used once): nil when unknown, used or too old.
    public static func finish(stateHash: String, at date: Date = Date(), on database: any Database) async throws -> Pending? {
        try await database.writeTransaction { db in
            guard let model = try await ExternalSignInModel.find(stateHash, on: db) else { return nil }
            try await model.delete(on: db)
            guard model.createdAt >= date.addingTimeInterval(-lifetime) else { return nil }
            return Pending(nonce: model.nonce, verifier: model.verifier, returnTo: model.returnTo)
        }
    }

    /// The account `identity` signs in as — found by issuer and subject, else made — with its roles and its
    /// administrator and auditor flags set to exactly what its groups map to now. Every change is audited.
    public static func signIn(_ identity: Identity, at date: Date = Date(), on database: any Database) async throws -> AccountModel {
        let username = Accounts.normalise(identity.username)
        guard Accounts.isValidUsername(username) else { throw Refused.invalidUsername(identity.username) }
        let actor = Actor(name: "system:inloggning")
        return try await database.writeTransaction { db in
            let mappings = try await GroupMappingModel.query(on: db).all().compactMap(\.mapping)
            let access = GrantedAccess.from(groups: identity.groups, mappings: mappings)
            var account = try await AccountModel.query(on: db).filter(\.$externalIssuer == identity.issuer)
                .filter(\.$externalSubject == identity.subject).first()
            var entries: [AuditLog.Entry] = []
            if account == nil {
                if let other = try await AccountModel.query(on: db).filter(\.$username == username).first() {
                    throw other.externalIssuer == nil ? Refused.usernameTaken(username) : Refused.usernameOfAnotherIdentity(username)
                }
                let made = AccountModel()
                made.id = UUID(); made.username = username; made.displayName = identity.displayName ?? username
                made.passwordHash = nil; made.isAdministrator = false; made.isAuditor = false; made.disabled = false; made.createdAt = date
                made.externalIssuer = identity.issuer; made.externalSubject = identity.subject
                try await made.create(on: db)
                entries.append(.init(.create, "konto", username, field: "inloggning", new: identity.issuer))
                account = made
            }
            guard let account else { throw Refused.disabled(username) }
            guard !account.disabled else { throw Refused.disabled(account.username) }
            if let name = identity.displayName, !name.isEmpty, name != account.displayName {
                entries.append(.init(.update, "konto", account.username, field: "namn", old: account.displayName, new: name))
                account.displayName = name
            }
            for (field, old, new) in [("administratör", account.isAdministrator, access.isAdministrator), ("revisor", account.isAuditor, access.isAuditor)] where old != new {
                entries.append(.init(.update, "konto", account.username, field: field, old: old ? "ja" : "nej", new: new ? "ja" : "nej"))
            }
            account.isAdministrator = access.isAdministrator; account.isAuditor = access.isAuditor
            try await account.update(on: db)
            // Roles: exactly what the groups give now.
            let current = try await RoleAssignmentModel.query(on: db).filter(\.$accountID == account.id!).all()
            for assignment in current where access.roles[assignment.unitID]?.rawValue != assignment.role {
                try await assignment.delete(on: db)
                entries.append(.init(.update, "konto", account.username, field: "roll på \(assignment.unitID)",
                                     old: UnitRole(rawValue: assignment.role)?.label, new: access.roles[assignment.unitID]?.label))
            }
            let kept = Set(current.filter { access.roles[$0.unitID]?.rawValue == $0.role }.map(\.unitID))
            let known = Set(try await OrgUnitModel.query(on: db).filter(\.$id ~~ Array(access.roles.keys)).all().compactMap(\.id))
            for (unit, role) in access.roles.sorted(by: { $0.key < $1.key }) where !kept.contains(unit) && known.contains(unit) {
                let assignment = RoleAssignmentModel()
                assignment.id = UUID(); assignment.accountID = account.id!; assignment.unitID = unit; assignment.role = role.rawValue
                try await assignment.create(on: db)
                if !current.contains(where: { $0.unitID == unit }) {
                    entries.append(.init(.update, "konto", account.username, field: "roll på \(unit)", new: role.label))
                }
            }
            try await AuditLog.append(entries, by: actor, at: date, on: db)
            return account
        }
    }
}
