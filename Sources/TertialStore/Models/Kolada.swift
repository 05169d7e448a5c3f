import FluentKit
import Foundation

public final class KoladaSnapshotModel: Model, @unchecked Sendable {
    public static let schema = "kolada_snapshots"
    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "started_at") public var startedAt: Date
    @OptionalField(key: "finished_at") public var finishedAt: Date?
    @Field(key: "source") public var source: String
    @Field(key: "arguments") public var arguments: String
    @Field(key: "rows") public var rows: Int
    @Field(key: "changed") public var changed: Int
    public init() {}
}

public final class KoladaValueModel: Model, @unchecked Sendable {
    public static let schema = "kolada_values"
    @ID(key: .id) public var id: UUID?
    @Field(key: "kpi") public var kpi: String
    @Field(key: "municipality") public var municipality: String
    @Field(key: "period") public var period: Int
    @Field(key: "gender") public var gender: String
    @OptionalField(key: "value") public var value: String?
    @OptionalField(key: "count") public var count: Int?
    @OptionalField(key: "status") public var status: String?
    @Field(key: "is_deleted") public var isDeleted: Bool
    @Field(key: "fetched_at") public var fetchedAt: Date
    @Field(key: "snapshot_id") public var snapshotID: Int
    public init() {}
}

public final class KoladaValueVersionModel: Model, @unchecked Sendable {
    public static let schema = "kolada_value_versions"
    @ID(key: .id) public var id: UUID?
    @Field(key: "kpi") public var kpi: String
    @Field(key: "municipality") public var municipality: String
    @Field(key: "period") public var period: Int
    @Field(key: "gender") public var gender: String
    @OptionalField(key: "value") public var value: String?
    @OptionalField(key: "count") public var count: Int?
    @OptionalField(key: "status") public var status: String?
    @Field(key: "is_deleted") public var isDeleted: Bool
    @Field(key: "fetched_at") public var fetchedAt: Date
    @Field(key: "snapshot_id") public var snapshotID: Int
    @Field(key: "replaced_at") public var replacedAt: Date
    @Field(key: "replaced_by_snapshot") public var replacedBySnapshot: Int
    public init() {}
}

public final class KoladaSettingsModel: Model, @unchecked Sendable {
    public static let schema = "kolada_settings"
    @ID(custom: "municipality_id", generatedBy: .user) public var id: String?
    @Field(key: "code") public var code: String
    /// Comma-separated municipality codes.
    @Field(key: "comparisons") public var comparisons: String
    @OptionalField(key: "group_id") public var groupID: String?
    @OptionalField(key: "group_title") public var groupTitle: String?
    @Field(key: "group_members") public var groupMembers: String
    public init() {}
}

public final class KoladaMunicipalityModel: Model, @unchecked Sendable {
    public static let schema = "kolada_municipalities"
    @ID(custom: "code", generatedBy: .user) public var id: String?
    @Field(key: "title") public var title: String
    public init() {}
}
