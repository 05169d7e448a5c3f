import FluentKit
import Foundation
import TertialInterchange
import TertialCore
import TertialKolada

/// Kolada's values in the database: each fetch (a sync or an offline file) is a snapshot; a value
/// that Kolada revises or deletes is updated and its earlier state kept, so that a report that names
/// a snapshot can be rebuilt with the values as they were then.
public enum KoladaValues {
    public struct Summary: Sendable, Equatable {
        public var snapshot: Int
        public var rows: Int
        /// Values added, changed or deleted.
        public var changed: Int
        public var deleted: Int
    }

    /// A started snapshot; `apply` adds rows to it, `finish` closes it.
    public static func startSnapshot(source: String, arguments: String, at date: Date = Date(), on db: any Database) async throws -> Int {
        let snapshot = KoladaSnapshotModel()
        snapshot.startedAt = date; snapshot.source = source; snapshot.arguments = arguments; snapshot.rows = 0; snapshot.changed = 0
        try await snapshot.create(on: db)
        return snapshot.id!
    }

    /// Stores the rows of one fetch in one transaction: new values added, changed ones updated with
    /// their earlier state kept, deleted ones marked deleted (their last value kept in the history).
    /// Rows that break the API's definition (`KoladaDataRow.problems`): nothing was stored.
    public struct InvalidRows: Error, CustomStringConvertible, Sendable {
        /// Row number (1-based, in the order given) and what is wrong.
        public let problems: [(row: Int, message: String)]
        public var description: String {
            problems.prefix(20).map { "rad \($0.row): \($0.message)" }.joined(separator: "\n")
        }
    }

    public static func apply(_ rows: [KoladaDataRow], snapshot: Int, at date: Date = Date(), on database: any Database) async throws -> Summary {
        let invalid = rows.enumerated().flatMap { i, row in row.problems.map { (row: i + 1, message: $0) } }
        guard invalid.isEmpty else { throw InvalidRows(problems: invalid) }
        return try await database.writeTransaction { db in
            var changed = 0, deleted = 0
            // The values already held for these KPIs, municipalities and years, read in one query per KPI.
            var existing: [String: KoladaValueModel] = [:]
            for (kpi, group) in Dictionary(grouping: rows, by: \.kpi) {
                let found = try await KoladaValueModel.query(on: db).filter(\.$kpi == kpi)
                    .filter(\.$municipality ~~ Set(group.map(\.municipality))).filter(\.$period ~~ Set(group.map(\.period))).all()
                for model in found { existing[key(model.kpi, model.municipality, model.period, model.gender)] = model }
            }
            func keep(_ old: KoladaValueModel) async throws {
                let version = KoladaValueVersionModel()
                version.kpi = old.kpi; version.municipality = old.municipality; version.period = old.period; version.gender = old.gender
                version.value = old.value; version.count = old.count; version.status = old.status; version.isDeleted = old.isDeleted
                version.fetchedAt = old.fetchedAt; version.snapshotID = old.snapshotID; version.replacedAt = date; version.replacedBySnapshot = snapshot
                try await version.create(on: db)
            }
            for row in rows {
                if row.isDeleted {
                    for gender in ["T", "K", "M"] {
                        guard let old = existing[key(row.kpi, row.municipality, row.period, gender)], !old.isDeleted else { continue }
                        try await keep(old)
                        old.isDeleted = true; old.fetchedAt = date; old.snapshotID = snapshot
                        try await old.update(on: db)
                        deleted += 1; changed += 1
                    }
                    continue
                }
                for value in row.values {
                    let text = value.value.map { "\($0)" }
                    if let old = existing[key(row.kpi, row.municipality, row.period, value.gender)] {
                        guard old.value != text || old.count != value.count || old.status != value.status || old.isDeleted else { continue }
                        try await keep(old)
                        old.value = text; old.count = value.count; old.status = value.status; old.isDeleted = false
                        old.fetchedAt = date; old.snapshotID = snapshot
                        try await old.update(on: db)
                    } else {
                        let model = KoladaValueModel()
                        model.kpi = row.kpi; model.municipality = row.municipality; model.period = row.period; model.gender = value.gender
                        model.value = text; model.count = value.count; model.status = value.status; model.isDeleted = false
                        model.fetchedAt = date; model.snapshotID = snapshot
                        try await model.create(on: db)
                        existing[key(row.kpi, row.municipality, row.period, value.gender)] = model
                    }
                    changed += 1
                }
            }
            if let model = try await KoladaSnapshotModel.find(snapshot, on: db) {
                model.rows += rows.count; model.changed += changed
                try await model.update(on: db)
            }
            return Summary(snapshot: snapshot, rows: rows.count, changed: changed, deleted: deleted)
        }
    }

    public static func finish(snapshot: Int, at date: Date = Date(), on db: any Database) async throws {
        guard let model = try await KoladaSnapshotModel.find(snapshot, on: db) else { return }
        model.finishedAt = date
        try await model.update(on: db)
    }

    /// When the last finished sync of these KPIs began: the `--since` of the next one when none is given.
    public static func lastSync(on db: any Database) async throws -> Date? {
        try await KoladaSnapshotModel.query(on: db).filter(\.$finishedAt != nil).sort(\.$startedAt, .descending).first()?.startedAt
    }

    /// The values of a KPI as of a snapshot (the current ones when nil): what a report rebuilt later shows.
    public static func values(kpi: String, municipalities: [String], asOf snapshot: Int? = nil, on db: any Database) async throws
        -> [(municipality: String, period: Int, gender: String, value: Decimal?)] {
        let current = try await KoladaValueModel.query(on: db).filter(\.$kpi == kpi).filter(\.$municipality ~~ municipalities).all()
        var result: [String: (String, Int, String, Decimal?, Bool)] = [:]
        for v in current { result[key(v.kpi, v.municipality, v.period, v.gender)] = (v.municipality, v.period, v.gender, v.value.flatMap { Decimal(string: $0) }, v.isDeleted) }
        if let snapshot {
            // Undo what later snapshots changed: the earliest version replaced after the snapshot is what stood then.
            let versions = try await KoladaValueVersionModel.query(on: db).filter(\.$kpi == kpi).filter(\.$municipality ~~ municipalities)
                .filter(\.$replacedBySnapshot > snapshot).sort(\.$replacedBySnapshot, .descending).all()
            for v in versions {
                // A state first fetched after the snapshot did not exist then either.
                result[key(v.kpi, v.municipality, v.period, v.gender)] = v.snapshotID > snapshot ? nil
                    : (v.municipality, v.period, v.gender, v.value.flatMap { Decimal(string: $0) }, v.isDeleted)
            }
            // Values first fetched after the snapshot did not exist then.
            for v in current where v.snapshotID > snapshot && !versions.contains(where: { $0.municipality == v.municipality && $0.period == v.period && $0.gender == v.gender }) {
                result[key(v.kpi, v.municipality, v.period, v.gender)] = nil
            }
        }
        return result.values.filter { !$0.4 }.map { ($0.0, $0.1, $0.2, $0.3) }.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    }

    /// A municipality's Kolada code and comparisons.
    public struct Settings: Sendable, Equatable {
        public var code: String
        public var comparisons: [String]
        public var groupID: String?
        public var groupTitle: String?
        public var groupMembers: [String]
        public init(code: String, comparisons: [String], groupID: String? = nil, groupTitle: String? = nil, groupMembers: [String] = []) {
            self.code = code; self.comparisons = comparisons; self.groupID = groupID; self.groupTitle = groupTitle; self.groupMembers = groupMembers
        }

        init(_ m: KoladaSettingsModel) {
            self.init(code: m.code, comparisons: m.comparisons.split(separator: ",").map(String.init), groupID: m.groupID, groupTitle: m.groupTitle,
                      groupMembers: m.groupMembers.split(separator: ",").map(String.init))
        }
        public func peers(name: String) -> KoladaPeers {
            KoladaPeers(code: code, name: name, comparisons: comparisons, groupTitle: groupTitle ?? groupID, groupMembers: groupMembers)
        }

        /// Every municipality a comparison shows, the country ("0000", Riket) last.
        public var all: [String] { Array(NSOrderedSet(array: [code] + comparisons + groupMembers + ["0000"])).compactMap { $0 as? String } }
    }

    public static func settings(municipalityID: String, on db: any Database) async throws -> Settings? {
        try await KoladaSettingsModel.find(municipalityID, on: db).map(Settings.init)
    }

    public static func allSettings(on db: any Database) async throws -> [Settings] {
        try await KoladaSettingsModel.query(on: db).all().map(Settings.init)
    }

    /// Saves (or, with nil, removes) a municipality's Kolada settings, audited.
    public static func setSettings(_ settings: Settings?, municipalityID: String, by actor: Actor, on database: any Database) async throws {
        try await database.writeTransaction { db in
            let old = try await KoladaSettingsModel.find(municipalityID, on: db)
            func describe(_ s: Settings?) -> String? {
                s.map { "kod \($0.code); jämförelser \($0.comparisons.joined(separator: ", "))" + ($0.groupID.map { "; grupp \($0)" } ?? "") }
            }
            let before = try await self.settings(municipalityID: municipalityID, on: db)
            guard before != settings else { return }
            if let settings {
                let model = old ?? KoladaSettingsModel()
                model.id = municipalityID; model.code = settings.code; model.comparisons = settings.comparisons.joined(separator: ",")
                model.groupID = settings.groupID; model.groupTitle = settings.groupTitle; model.groupMembers = settings.groupMembers.joined(separator: ",")
                if old == nil { try await model.create(on: db) } else { try await model.update(on: db) }
            } else if let old {
                try await old.delete(on: db)
            }
            try await AuditLog.append([.init(.update, "kommun", municipalityID, field: "Kolada", old: describe(before), new: describe(settings))], by: actor, on: db)
        }
    }

    /// The totals (women and men together) of a KPI, as of a snapshot, for a comparison table.
    public static func totals(kpi: String, municipalities: [String], asOf snapshot: Int? = nil, on db: any Database) async throws -> [KoladaValue] {
        try await values(kpi: kpi, municipalities: municipalities, asOf: snapshot, on: db).compactMap { v in
            guard v.gender == "T", let value = v.value else { return nil }
            return KoladaValue(municipality: v.municipality, year: v.period, value: value)
        }
    }

    /// The comparisons of a report: every indicator of the plan linked to a KPI, with the values as of
    /// `snapshot` (the latest when nil). Nil when the municipality has no Kolada code or nothing is fetched.
    public static func comparisons(_ plan: Plan, snapshot: Int?, on db: any Database) async throws -> KoladaComparisons? {
        guard let settings = try await settings(municipalityID: plan.municipality.id, on: db) else { return nil }
        let chosen: (id: Int, at: Date)?
        if let snapshot { chosen = try await KoladaSnapshotModel.find(snapshot, on: db).map { ($0.id!, $0.startedAt) } } else { chosen = try await latestSnapshot(on: db) }
        guard let chosen else { return nil }
        var items: [KoladaComparisons.Item] = []
        for indicator in plan.goals.flatMap(\.indicators) where indicator.source?.kind == .kolada {
            guard let kpi = indicator.source?.reference, !kpi.isEmpty else { continue }
            let values = try await totals(kpi: kpi, municipalities: settings.all, asOf: chosen.id, on: db)
            if !values.isEmpty { items.append(.init(kpi: kpi, indicator: indicator, values: values)) }
        }
        guard !items.isEmpty else { return nil }
        return KoladaComparisons(snapshot: chosen.id, fetched: day(chosen.at), peers: settings.peers(name: plan.municipality.name),
                                 names: try await names(on: db), items: items)
    }

    public static func day(_ date: Date) -> String { Day(date).description }

    /// When the values of a KPI were last fetched, and by which snapshot.
    public static func latestSnapshot(on db: any Database) async throws -> (id: Int, at: Date)? {
        try await KoladaSnapshotModel.query(on: db).filter(\.$finishedAt != nil).sort(\.$id, .descending).first().map { ($0.id!, $0.startedAt) }
    }

    /// Keeps Kolada's names of the municipalities (replacing the earlier ones).
    public static func saveNames(_ municipalities: [KoladaMunicipality], on database: any Database) async throws {
        guard !municipalities.isEmpty else { return }
        try await database.writeTransaction { db in
            let known = Dictionary(try await KoladaMunicipalityModel.query(on: db).all().map { ($0.id!, $0) }, uniquingKeysWith: { a, _ in a })
            for m in municipalities {
                if let model = known[m.id] {
                    if model.title != m.title { model.title = m.title; try await model.update(on: db) }
                } else {
                    let model = KoladaMunicipalityModel()
                    model.id = m.id; model.title = m.title
                    try await model.create(on: db)
                }
            }
        }
    }

    public static func names(on db: any Database) async throws -> [String: String] {
        Dictionary(try await KoladaMunicipalityModel.query(on: db).all().map { ($0.id!, $0.title) }, uniquingKeysWith: { a, _ in a })
    }

    /// The KPIs the plans' indicators are linked to (source Kolada with the KPI id as reference).
    public static func linkedKPIs(on db: any Database) async throws -> [String] {
        let linked = try await IndicatorModel.query(on: db).filter(\.$sourceKind == "kolada").all().compactMap(\.sourceReference)
        return Array(Set(linked.filter { !$0.isEmpty })).sorted()
    }

    static func key(_ kpi: String, _ municipality: String, _ period: Int, _ gender: String) -> String { "\(kpi)|\(municipality)|\(period)|\(gender)" }
}
