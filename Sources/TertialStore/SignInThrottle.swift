import FluentKit
import Foundation
import SQLKit

public final class SignInAttemptModel: Model, @unchecked Sendable {
    public static let schema = "sign_in_attempts"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "username") public var username: String
    @OptionalField(key: "address") public var address: String?
    @Field(key: "at") public var at: Date
    public init() {}
}

/// Throttles sign-in before the password is checked: an attempt is counted (and the count checked)
/// in one serialised transaction, then bcrypt runs. Failures stay counted for the window; a
/// successful sign-in takes its attempt off. Counted in the database, so every server process agrees.
public enum SignInThrottle {
    public struct Limits: Sendable {
        public var window: TimeInterval
        public var perAccount: Int
        public var perAddress: Int
        public init(window: TimeInterval, perAccount: Int, perAddress: Int) {
            self.window = window; self.perAccount = perAccount; self.perAddress = perAddress
        }
    }

    /// Counts an attempt for `username` from `address`; nil when the limit is reached (nothing counted).
    public static func begin(username: String, address: String?, limits: Limits, at date: Date = Date(), on database: any Database) async throws -> UUID? {
        try await database.writeTransaction { db in
            if let sql = db.postgres {
                // PostgreSQL: one sign-in count at a time (SQLite's write lock does this already).
                try await sql.raw("SELECT pg_advisory_xact_lock(7270011)").run()
            }
            let since = date.addingTimeInterval(-limits.window)
            let forAccount = try await SignInAttemptModel.query(on: db).filter(\.$username == username).filter(\.$at >= since).count()
            var forAddress = 0
            if let address { forAddress = try await SignInAttemptModel.query(on: db).filter(\.$address == address).filter(\.$at >= since).count() }
            guard forAccount < limits.perAccount, forAddress < limits.perAddress else { return nil }
            let attempt = SignInAttemptModel()
            attempt.id = UUID(); attempt.username = username; attempt.address = address; attempt.at = date
            try await attempt.create(on: db)
            return attempt.id
        }
    }

    /// The attempt succeeded: it no longer counts against the account or the address.
    public static func succeeded(_ attempt: UUID, on db: any Database) async throws {
        try await SignInAttemptModel.query(on: db).filter(\.$id == attempt).delete()
    }
}
