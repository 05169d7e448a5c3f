import FluentKit

public final class MunicipalityModel: Model, @unchecked Sendable {
    public static let schema = "municipalities"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "name") public var name: String
    @OptionalField(key: "unit_kind_labels") public var unitKindLabels: [String: String]?
    @OptionalField(key: "follow_up_periods") public var followUpPeriods: [String]?
    @OptionalField(key: "goal_level_labels") public var goalLevelLabels: [String: String]?
    @Field(key: "position") public var position: Int
    public init() {}
}

public final class OrgUnitModel: Model, @unchecked Sendable {
    public static let schema = "org_units"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "municipality_id") public var municipalityID: String
    @OptionalField(key: "parent_id") public var parentID: String?
    @Field(key: "kind") public var kind: String
    @Field(key: "name") public var name: String
    @Field(key: "position") public var position: Int
    public init() {}
}

public final class GoalAreaModel: Model, @unchecked Sendable {
    public static let schema = "goal_areas"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "municipality_id") public var municipalityID: String
    @Field(key: "name") public var name: String
    @OptionalField(key: "label") public var label: String?
    @OptionalField(key: "description") public var description: String?
    public init() {}
}
