import FluentKit
import Foundation

public final class GoalModel: Model, @unchecked Sendable {
    public static let schema = "goals"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "owner_unit_id") public var ownerUnitID: String
    @Field(key: "level") public var level: String
    @OptionalField(key: "code") public var code: String?
    @Field(key: "title") public var title: String
    @OptionalField(key: "description") public var description: String?
    @OptionalField(key: "goal_area_id") public var goalAreaID: String?
    @Field(key: "agenda2030") public var agenda2030: [String]
    @Field(key: "child_rights") public var childRights: [Int]
    @Field(key: "qualitative") public var qualitative: Bool
    @OptionalField(key: "retired") public var retired: Bool?
    /// The goal of an earlier plan this one continues (next year's plan records it).
    @OptionalField(key: "continues") public var continues: String?
    public init() {}
}

public final class GoalLinkModel: Model, @unchecked Sendable {
    public static let schema = "goal_links"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "goal_id") public var goalID: String
    @Field(key: "parent_goal_id") public var parentGoalID: String
    @Field(key: "position") public var position: Int
    public init() {}
}

public final class PlanGoalModel: Model, @unchecked Sendable {
    public static let schema = "plan_goals"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "goal_id") public var goalID: String
    @Field(key: "position") public var position: Int
    public init() {}
}
