import FluentKit
import Foundation
import TertialCore

/// Accounts and their roles. Passwords arrive already hashed (bcrypt, done off the event loop
/// by the web layer); this layer never sees a password.
public enum Accounts {
    public enum AccountError: Error, CustomStringConvertible, Equatable {
        case usernameTaken(String)
        case invalidUsername
        case unknownUnit(String)
        case notFound
        public var description: String {
            switch self {
            case .usernameTaken(let name): "Användarnamnet \"\(name)\" används redan."
            case .invalidUsername: "Användarnamnet får bara innehålla a–z, 0–9, punkt, bindestreck och understreck (2–64 tecken)."
            case .unknownUnit(let id): "Enheten \"\(id)\" finns inte."
            case .notFound: "Kontot finns inte."
            }
        }
    }

    public static func normalise(_ username: String) -> String {
        username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    public static func isValidUsername(_ username: String) -> Bool {
        (2...64).contains(username.count) && username.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "._-@".contains($0)) }
    }

    @discardableResult
    public static func create(username rawName: String, displayName: String, passwordHash: String?, administrator: Bool = false,
                              auditor: Bool = false, by actor: Actor, on database: any Database) async throws -> AccountModel {
        let username = normalise(rawName)
        guard isValidUsername(username) else { throw AccountError.invalidUsername }
        return try await database.writeTransaction { db in
            if try await AccountModel.query(on: db).filter(\.$username == username).first() != nil { throw AccountError.usernameTaken(username) }
            let account = AccountModel()
            account.id = UUID(); account.username = username
            account.displayName = displayName.trimmingCharacters(in: .whitespaces).isEmpty ? username : displayName
            account.passwordHash = passwordHash; account.isAdministrator = administrator; account.isAuditor = auditor
            account.disabled = false; account.createdAt = Date()
            try await account.create(on: db)
            var entries = [AuditLog.Entry(.create, "konto", username, field: "namn", new: account.displayName)]
            if administrator { entries.append(.init(.update, "konto", username, field: "administratör", old: "nej", new: "ja")) }
            if auditor { entries.append(.init(.update, "konto", username, field: "revisor", old: "nej", new: "ja")) }
            try await AuditLog.append(entries, by: actor, on: db)
            return account
        }
    }

    public static func find(username: String, on db: any Database) async throws -> AccountModel? {
        try await AccountModel.query(on: db).filter(\.$username == normalise(username)).first()
    }

    public static func setDisabled(_ accountID: UUID, _ disabled: Bool, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let account = try await AccountModel.find(accountID, on: db) else { throw AccountError.notFound }
            guard account.disabled != disabled else { return }
            try await AuditLog.append(.init(.update, "konto", account.username, field: "avstängt", old: account.disabled ? "ja" : "nej", new: disabled ? "ja" : "nej"),
                                      by: actor, on: db)
            account.disabled = disabled
            try await account.update(on: db)
            if disabled { try await SessionModel.query(on: db).filter(\.$accountID == accountID).delete() }
        }
    }

    /// Sets a new password hash and ends the account's sessions.
    public static func setPasswordHash(_ accountID: UUID, _ hash: String, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let account = try await AccountModel.find(accountID, on: db) else { throw AccountError.notFound }
            // The audit trail records that the password changed, never the hash.
            try await AuditLog.append(.init(.update, "konto", account.username, field: "lösenord", old: "••••", new: "nytt lösenord"), by: actor, on: db)
            account.passwordHash = hash
            try await account.update(on: db)
            try await SessionModel.query(on: db).filter(\.$accountID == accountID).delete()
        }
    }

    /// Gives `role` on `unitID` (replacing any other role on that unit); nil removes it.
    public static func setRole(_ accountID: UUID, unitID: String, role: UnitRole?, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            guard let account = try await AccountModel.find(accountID, on: db) else { throw AccountError.notFound }
            guard try await OrgUnitModel.find(unitID, on: db) != nil else { throw AccountError.unknownUnit(unitID) }
            let existing = try await RoleAssignmentModel.query(on: db).filter(\.$accountID == accountID).filter(\.$unitID == unitID).first()
            let old = existing?.role
            guard old != role?.rawValue else { return }
            try await AuditLog.append(.init(.update, "konto", account.username, field: "roll på \(unitID)",
                                            old: old.flatMap(UnitRole.init(rawValue:))?.label, new: role?.label), by: actor, on: db)
            if let existing { try await existing.delete(on: db) }
            if let role {
                let assignment = RoleAssignmentModel()
                assignment.id = UUID(); assignment.accountID = accountID; assignment.unitID = unitID; assignment.role = role.rawValue
                try await assignment.create(on: db)
            }
        }
    }

    public static func roles(of accountID: UUID, on db: any Database) async throws -> [String: UnitRole] {
        var roles: [String: UnitRole] = [:]
        for assignment in try await RoleAssignmentModel.query(on: db).filter(\.$accountID == accountID).all() {
            if let role = UnitRole(rawValue: assignment.role) { roles[assignment.unitID] = max(roles[assignment.unitID] ?? role, role) }
        }
        return roles
    }

    public static func principal(for account: AccountModel, on db: any Database) async throws -> Principal {
        Principal(accountID: account.id!.uuidString, username: account.username, isAdministrator: account.isAdministrator,
                  isAuditor: account.isAuditor, roles: try await roles(of: account.id!, on: db))
    }

    /// A unit and its ancestors, nearest first.
    public static func unitChain(_ unitID: String, on db: any Database) async throws -> [String] {
        guard let unit = try await OrgUnitModel.find(unitID, on: db) else { return [unitID] }
        let units = try await OrgUnitModel.query(on: db).filter(\.$municipalityID == unit.municipalityID).all()
        return UnitTree.chain(of: unitID, parents: UnitTree.parents(units))
    }
}
