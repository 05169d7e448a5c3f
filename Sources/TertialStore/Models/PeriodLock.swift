import FluentKit
import Foundation

/// A municipality's follow-up period closed for reporting, from `closesAt` on (now, or a set date).
public final class PeriodClosureModel: Model, @unchecked Sendable {
    public static let schema = "period_closures"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "period") public var period: String
    @Field(key: "closes_at") public var closesAt: Date
    @Field(key: "closed_by") public var closedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    public init() {}
}

/// One unit's part of a closed period opened again by an administrator, with the reason; until
/// `closedAgainAt`.
public final class PeriodReopeningModel: Model, @unchecked Sendable {
    public static let schema = "period_reopenings"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "period") public var period: String
    @Field(key: "unit_id") public var unitID: String
    @Field(key: "reason") public var reason: String
    @Field(key: "reopened_by") public var reopenedBy: String
    @Field(key: "reopened_at") public var reopenedAt: Date
    @OptionalField(key: "closed_again_at") public var closedAgainAt: Date?
    public init() {}
}
