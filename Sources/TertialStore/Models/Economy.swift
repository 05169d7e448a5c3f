import FluentKit
import Foundation

/// A plan's adopted economy tables as one interchange document (`EconomyRecord` without the follow-up
/// and the frame transfers, which have tables of their own). See `M016_CreateEconomy` for why.
public final class PlanEconomyModel: Model, @unchecked Sendable {
    public static let schema = "plan_economies"
    @ID(custom: "plan_id", generatedBy: .user) public var id: String?
    @Field(key: "document") public var document: String
    public init() {}
}

/// One save of one budget line's monthly follow-up (append-only; the highest version counts).
public final class EconomyFollowUpModel: Model, @unchecked Sendable {
    public static let schema = "economy_follow_ups"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "budget_id") public var budgetID: String
    @Field(key: "line_id") public var lineID: String
    @Field(key: "year") public var year: Int
    @Field(key: "month") public var month: Int
    @Field(key: "version") public var version: Int
    @OptionalField(key: "outcome_to_date") public var outcomeToDate: String?
    @OptionalField(key: "forecast") public var forecast: String?
    @OptionalField(key: "comment") public var comment: String?
    /// "import" (an interchange file), "ledger:FILE" (a ledger export), "web" (a person).
    @Field(key: "source") public var source: String
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    public init() {}
}

public final class FrameTransferModel: Model, @unchecked Sendable {
    public static let schema = "frame_transfers"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "from_unit_id") public var fromUnitID: String
    @Field(key: "to_unit_id") public var toUnitID: String
    @Field(key: "amount") public var amount: String
    @Field(key: "unit") public var unit: String
    @Field(key: "from_year") public var fromYear: Int
    @Field(key: "text") public var text: String
    public init() {}
}

/// A plan's activities and assignments as one interchange document (`ActivityPlanRecord`).
public final class PlanActivityPlanModel: Model, @unchecked Sendable {
    public static let schema = "plan_activity_plans"
    @ID(custom: "plan_id", generatedBy: .user) public var id: String?
    @Field(key: "document") public var document: String
    public init() {}
}

/// A plan's text sections as one JSON object: the heading the template prints → formatted text.
public final class PlanTextSectionsModel: Model, @unchecked Sendable {
    public static let schema = "plan_text_sections"
    @ID(custom: "plan_id", generatedBy: .user) public var id: String?
    @Field(key: "document") public var document: String
    public init() {}
}

/// A plan's internal control as one interchange document (`InternalControlRecord`).
public final class PlanInternalControlModel: Model, @unchecked Sendable {
    public static let schema = "plan_internal_controls"
    @ID(custom: "plan_id", generatedBy: .user) public var id: String?
    @Field(key: "document") public var document: String
    public init() {}
}
