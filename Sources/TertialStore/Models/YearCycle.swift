import FluentKit
import Foundation

/// An event an administrator added to a municipality's årshjul (a meeting, the budget decision).
public final class CycleEventModel: Model, @unchecked Sendable {
    public static let schema = "cycle_events"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "day") public var day: String
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @OptionalField(key: "unit_id") public var unitID: String?
    @Field(key: "created_by") public var createdBy: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// A unit's (typically a committee's) last day to report a period.
public final class ReportingDeadlineModel: Model, @unchecked Sendable {
    public static let schema = "reporting_deadlines"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "period") public var period: String
    @Field(key: "unit_id") public var unitID: String
    @Field(key: "day") public var day: String
    public init() {}
}

/// A unit's report for a period: who answers for it and where it stands.
public final class ReportingTaskModel: Model, @unchecked Sendable {
    public static let schema = "reporting_tasks"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "period") public var period: String
    @Field(key: "unit_id") public var unitID: String
    @OptionalField(key: "responsible_account_id") public var responsibleAccountID: UUID?
    @Field(key: "state") public var state: String
    /// The reviewer's comment when the report was sent back.
    @OptionalField(key: "comment") public var comment: String?
    @Field(key: "updated_at") public var updatedAt: Date
    @Field(key: "updated_by") public var updatedBy: String
    public init() {}
}

/// One person's reminder of one day, claimed before it is sent.
public final class ReminderDigestModel: Model, @unchecked Sendable {
    public static let schema = "reminder_digests"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "account_id") public var accountID: UUID
    @Field(key: "day") public var day: String
    /// `sending` (claimed), `sent`, `failed` (retried), `inApp` (no e-mail: shown in the application), `uncertain`.
    @Field(key: "status") public var status: String
    @Field(key: "subject") public var subject: String
    @Field(key: "body") public var body: String
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "claimed_at") public var claimedAt: Date
    @OptionalField(key: "sent_at") public var sentAt: Date?
    @OptionalField(key: "error") public var error: String?
    public init() {}
}
