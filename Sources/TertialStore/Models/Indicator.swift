import FluentKit
import Foundation

public final class IndicatorModel: Model, @unchecked Sendable {
    public static let schema = "indicators"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "goal_id") public var goalID: String
    @Field(key: "position") public var position: Int
    @Field(key: "name") public var name: String
    @OptionalField(key: "description") public var description: String?
    @OptionalField(key: "unit") public var unit: String?
    @Field(key: "decimals") public var decimals: Int
    @Field(key: "direction") public var direction: String
    @OptionalField(key: "source_kind") public var sourceKind: String?
    @OptionalField(key: "source_reference") public var sourceReference: String?
    @Field(key: "gender_breakdown") public var genderBreakdown: Bool
    @Field(key: "frequency") public var frequency: String
    @OptionalField(key: "baseline") public var baseline: String?
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "retired") public var retired: Bool?
    public init() {}
}

public final class TargetModel: Model, @unchecked Sendable {
    public static let schema = "targets"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @Field(key: "indicator_id") public var indicatorID: String
    @Field(key: "year") public var year: Int
    @Field(key: "text") public var text: String
    public init() {}
}

public final class TrackingMeasureModel: Model, @unchecked Sendable {
    public static let schema = "tracking_measures"
    @ID(custom: "id", generatedBy: .user) public var id: String?
    @Field(key: "plan_id") public var planID: String
    @OptionalField(key: "basic_mission_id") public var basicMissionID: String?
    @Field(key: "position") public var position: Int
    @Field(key: "name") public var name: String
    @OptionalField(key: "group_name") public var group: String?
    @OptionalField(key: "unit") public var unit: String?
    @Field(key: "decimals") public var decimals: Int
    @OptionalField(key: "approved_level") public var approvedLevel: String?
    @OptionalField(key: "note") public var note: String?
    @OptionalField(key: "retired") public var retired: Bool?
    public init() {}
}

public final class MeasureValueModel: Model, @unchecked Sendable {
    public static let schema = "measure_values"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "plan_id") public var planID: String
    @OptionalField(key: "indicator_id") public var indicatorID: String?
    @OptionalField(key: "tracking_measure_id") public var trackingMeasureID: String?
    @Field(key: "period") public var period: String
    @Field(key: "gender") public var gender: String
    @Field(key: "kind") public var kind: String
    @Field(key: "value_text") public var valueText: String
    @OptionalField(key: "comment") public var comment: String?
    @Field(key: "version") public var version: Int
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    @Field(key: "position") public var position: Int
    public init() {}
}

public final class MeasureValueVersionModel: Model, @unchecked Sendable {
    public static let schema = "measure_value_versions"
    @ID(custom: "id", generatedBy: .user) public var id: UUID?
    @Field(key: "value_id") public var valueID: UUID
    @Field(key: "version") public var version: Int
    @Field(key: "value_text") public var valueText: String
    @OptionalField(key: "comment") public var comment: String?
    @Field(key: "recorded_by") public var recordedBy: String
    @Field(key: "recorded_at") public var recordedAt: Date
    public init() {}
}
