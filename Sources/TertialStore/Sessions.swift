import FluentKit
import Foundation

/// Sessions stored in the database: any server process can serve any session.
public enum Sessions {
    public static let lifetime: TimeInterval = 10 * 3600

    public static func create(id: String, accountID: UUID, csrfToken: String, address: String?, on db: any Database) async throws {
        let session = SessionModel()
        session.id = id; session.accountID = accountID; session.csrfToken = csrfToken
        session.createdAt = Date(); session.expiresAt = Date().addingTimeInterval(lifetime); session.address = address
        try await session.create(on: db)
        // Expired sessions are cleared as new ones are made.
        try await SessionModel.query(on: db).filter(\.$expiresAt < Date()).delete()
    }

    /// The live session and its enabled account, or nil.
    public static func find(id: String, on db: any Database) async throws -> (SessionModel, AccountModel)? {
        guard let session = try await SessionModel.find(id, on: db), session.expiresAt > Date(),
              let account = try await AccountModel.find(session.accountID, on: db), !account.disabled else { return nil }
        return (session, account)
    }

    public static func delete(id: String, on db: any Database) async throws {
        try await SessionModel.query(on: db).filter(\.$id == id).delete()
    }
}
