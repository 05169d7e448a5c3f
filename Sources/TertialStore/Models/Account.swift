import FluentKit
import Foundation

public final class AccountModel: Model, @unchecked Sendable {
    public static let schema = "accounts"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "username") public var username: String
    @Field(key: "display_name") public var displayName: String
    @OptionalField(key: "password_hash") public var passwordHash: String?
    @Field(key: "is_administrator") public var isAdministrator: Bool
    @Field(key: "is_auditor") public var isAuditor: Bool
    @Field(key: "disabled") public var disabled: Bool
    @OptionalField(key: "external_issuer") public var externalIssuer: String?
    @OptionalField(key: "external_subject") public var externalSubject: String?
    @Field(key: "created_at") public var createdAt: Date
    /// Where reminders go (nil: in the application only).
    @OptionalField(key: "email") public var email: String?
    @OptionalField(key: "reminders_off") public var remindersOff: Bool?
    /// The SHA-256 of the secret in the person's calendar feed URL (nil: no feed).
    @OptionalField(key: "calendar_token_hash") public var calendarTokenHash: String?
    public init() {}
}

public final class RoleAssignmentModel: Model, @unchecked Sendable {
    public static let schema = "role_assignments"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "unit_id") public var unitID: String
    @Field(key: "role") public var role: String
    public init() {}
}

public final class SessionModel: Model, @unchecked Sendable {
    public static let schema = "sessions"
    /// The SHA-256 of the cookie's token: the token itself is never stored.
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "csrf_token") public var csrfToken: String
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "expires_at") public var expiresAt: Date
    @OptionalField(key: "address") public var address: String?
    public init() {}
}

public final class AuditRecordModel: Model, @unchecked Sendable {
    public static let schema = "audit_records"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "sequence") public var sequence: Int64
    @Field(key: "at") public var at: Date
    @Field(key: "actor") public var actor: String
    @OptionalField(key: "account_id") public var accountID: UUID?
    @Field(key: "action") public var action: String
    @Field(key: "entity_type") public var entityType: String
    @Field(key: "entity_id") public var entityID: String
    @OptionalField(key: "field") public var field: String?
    @OptionalField(key: "old_value") public var oldValue: String?
    @OptionalField(key: "new_value") public var newValue: String?
    @OptionalField(key: "address") public var address: String?
    @OptionalField(key: "plan_id") public var planID: String?
    public init() {}
}

public final class PlanVersionModel: Model, @unchecked Sendable {
    public static let schema = "plan_versions"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "number") public var number: Int
    @Field(key: "status") public var status: String
    @OptionalField(key: "decision_date") public var decisionDate: String?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "document") public var document: String
    public init() {}
}
