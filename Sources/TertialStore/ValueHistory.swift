import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// Changing a value keeps every earlier version: the current row is updated and a version row
/// is appended in the same transaction. Nothing here deletes or rewrites a version.
public enum ValueHistory {
    public enum Subject: Sendable, Hashable {
        case indicator(String)
        case trackingMeasure(String)
    }

    public struct Version: Sendable, Hashable {
        public let version: Int
        public let text: String
        public let comment: String?
        public let recordedBy: String
        public let recordedAt: Date
    }

    public enum Change: Sendable, Equatable { case created, updated, unchanged }

    /// Records `text` for the subject, period, gender and kind. Throws `ValueParseError` for text
    /// that is neither a number nor a marker.
    @discardableResult
    public static func record(_ subject: Subject, period: Period, gender: Gender = .total, kind: ValueKind,
                              text: String, comment: String? = nil, by actor: Actor, at date: Date = Date(),
                              on database: any Database) async throws -> Change {
        try await database.transaction { db in
            try await apply(subject, period: period, gender: gender, kind: kind, text: text, comment: comment, by: actor, at: date, on: db)
        }
    }

    /// `record` for a caller that already holds a transaction (saving many cells at once).
    @discardableResult
    public static func apply(_ subject: Subject, period: Period, gender: Gender = .total, kind: ValueKind,
                             text: String, comment: String? = nil, by actor: Actor, at date: Date = Date(),
                             on db: any Database) async throws -> Change {
        _ = try ValueText(text)
        let user = actor.name
        let field = "\(kind.label) \(period.label) (\(gender.label.lowercased()))"
        let (planID, query) = try await lookup(subject, on: db)
        let current = try await query.filter(\.$period == period.description).filter(\.$gender == gender.rawValue)
            .filter(\.$kind == kind.rawValue).first()
        if let current {
            guard current.valueText != text || current.comment != comment else { return .unchanged }
            try await AuditLog.append(.init(.update, subject.entityType, subject.id, field: field, old: current.valueText, new: text, planID: planID),
                                      by: actor, at: date, on: db)
            if current.comment != comment {
                try await AuditLog.append(.init(.update, subject.entityType, subject.id, field: field + ", kommentar", old: current.comment, new: comment, planID: planID),
                                          by: actor, at: date, on: db)
            }
            current.valueText = text
            current.comment = comment
            current.version += 1
            current.recordedBy = user
            current.recordedAt = date
            try await current.update(on: db)
            try await MeasureValueVersionModel(snapshotOf: current).create(on: db)
            return .updated
        }
        let position = try await lookup(subject, on: db).1.count()
        let record = ValueRecord(period: period, gender: gender, kind: kind, value: text, comment: comment)
        let model = MeasureValueModel(record, planID: planID,
                                      indicatorID: subject.indicatorID, trackingMeasureID: subject.trackingMeasureID,
                                      position: position, recordedBy: user, at: date)
        try await model.create(on: db)
        try await MeasureValueVersionModel(snapshotOf: model).create(on: db)
        try await AuditLog.append(.init(.create, subject.entityType, subject.id, field: field, new: text, planID: planID), by: actor, at: date, on: db)
        return .created
    }

    /// The current value of a cell with every version it has had, oldest first.
    public struct Cell: Sendable {
        public let version: Int
        public let text: String
        public let comment: String?
        public let recordedBy: String
        public let recordedAt: Date
        public let history: [Version]
    }

    /// For a plan and period: indicator id → kind → the cell of `gender`. Two queries, whatever the size of the plan.
    public static func cells(planID: String, period: Period, gender: Gender = .total, on db: any Database) async throws -> [String: [ValueKind: Cell]] {
        try await allCells(planID: planID, period: period, on: db).compactMapValues { $0[gender] }
    }

    /// For a plan and period: indicator id → gender → kind → the cell. Two queries.
    public static func allCells(planID: String, period: Period, on db: any Database) async throws -> [String: [Gender: [ValueKind: Cell]]] {
        let values = try await MeasureValueModel.query(on: db).filter(\.$planID == planID).filter(\.$period == period.description)
            .filter(\.$indicatorID != nil).all()
        let versions = values.isEmpty ? [] : try await MeasureValueVersionModel.query(on: db).filter(\.$valueID ~~ values.compactMap(\.id)).sort(\.$version).all()
        let byValue = Dictionary(grouping: versions, by: \.valueID)
        var result: [String: [Gender: [ValueKind: Cell]]] = [:]
        for value in values {
            guard let indicator = value.indicatorID, let kind = ValueKind(rawValue: value.kind), let gender = Gender(rawValue: value.gender) else { continue }
            let history = (byValue[value.id!] ?? []).map {
                Version(version: $0.version, text: $0.valueText, comment: $0.comment, recordedBy: $0.recordedBy, recordedAt: $0.recordedAt)
            }
            result[indicator, default: [:]][gender, default: [:]][kind] = Cell(version: value.version, text: value.valueText, comment: value.comment,
                                                         recordedBy: value.recordedBy, recordedAt: value.recordedAt, history: history)
        }
        return result
    }

    /// Every version of one value, oldest first.
    public static func versions(_ subject: Subject, period: Period, gender: Gender = .total, kind: ValueKind,
                                on db: any Database) async throws -> [Version] {
        guard let current = try await lookup(subject, on: db).1.filter(\.$period == period.description)
            .filter(\.$gender == gender.rawValue).filter(\.$kind == kind.rawValue).first() else { return [] }
        return try await MeasureValueVersionModel.query(on: db).filter(\.$valueID == current.id!).sort(\.$version).all().map {
            Version(version: $0.version, text: $0.valueText, comment: $0.comment, recordedBy: $0.recordedBy, recordedAt: $0.recordedAt)
        }
    }

    static func lookup(_ subject: Subject, on db: any Database) async throws -> (String, QueryBuilder<MeasureValueModel>) {
        switch subject {
        case .indicator(let id):
            guard let indicator = try await IndicatorModel.find(id, on: db) else { throw SubjectNotFound(id: id) }
            return (indicator.planID, MeasureValueModel.query(on: db).filter(\.$indicatorID == id))
        case .trackingMeasure(let id):
            guard let measure = try await TrackingMeasureModel.find(id, on: db) else { throw SubjectNotFound(id: id) }
            return (measure.planID, MeasureValueModel.query(on: db).filter(\.$trackingMeasureID == id))
        }
    }

    public struct SubjectNotFound: Error, CustomStringConvertible {
        public let id: String
        public var description: String { "\"\(id)\" finns inte" }
    }
}

extension ValueHistory.Subject {
    var id: String { indicatorID ?? trackingMeasureID ?? "" }
    var entityType: String { indicatorID != nil ? "indikator" : "följetal" }
    var indicatorID: String? { if case .indicator(let id) = self { id } else { nil } }
    var trackingMeasureID: String? { if case .trackingMeasure(let id) = self { id } else { nil } }
}
