import FluentKit
import Foundation

public final class PlanModel: Model, @unchecked Sendable {
    public static let schema = "plans"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "owner_unit_id") public var ownerUnitID: String
    @Field(key: "kind") public var kind: String
    @Field(key: "title") public var title: String
    @Field(key: "budget_year") public var budgetYear: Int
    @Field(key: "first_year") public var firstYear: Int
    @Field(key: "last_year") public var lastYear: Int
    @Field(key: "status") public var status: String
    @Field(key: "is_public") public var isPublic: Bool
    @OptionalField(key: "decision_body") public var decisionBody: String?
    @OptionalField(key: "decision_date") public var decisionDate: String?
    @OptionalField(key: "decision_paragraph") public var decisionParagraph: String?
    @OptionalField(key: "decision_case_number") public var decisionCaseNumber: String?
    @OptionalField(key: "decision_points") public var decisionPoints: [String]?
    @OptionalField(key: "decision_basis") public var decisionBasis: [String]?
    @Field(key: "attachments") public var attachments: [String]
    /// The plan's own column headings: "value", "target", "baseline" → text (nil: the template's).
    @OptionalField(key: "column_headings") public var columnHeadings: [String: String]?
    @Field(key: "position") public var position: Int
    /// Bumped in the same transaction as every audited change to the plan (see `AuditLog.append`):
    /// what the plan page caches is keyed by it.
    @OptionalField(key: "revision") public var revision: Int64?
    public init() {}
}

public final class PlanGoalAreaModel: Model, @unchecked Sendable {
    public static let schema = "plan_goal_areas"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "goal_area_id") public var goalAreaID: String
    @Field(key: "position") public var position: Int
    public init() {}
}

public final class BasicMissionModel: Model, @unchecked Sendable {
    public static let schema = "basic_missions"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "title") public var title: String
    @OptionalField(key: "text") public var text: String?
    @Field(key: "position") public var position: Int
    public init() {}
}
