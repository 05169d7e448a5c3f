import FluentKit
import SQLKit
import Foundation
import TertialCore
import TertialInterchange

/// Changing a value keeps every earlier version: the version being replaced is appended to
/// `measure_value_versions` and the current row updated, in the same transaction. The current
/// version lives only in `measure_values` (M029): a value that was never changed has no version
/// row, so an import writes each value once. Nothing here deletes or rewrites a version.
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
    /// that is neither a number nor a marker nor figures as plans print them, or that breaks the
    /// interchange format's rules (control characters, length): nothing stored can fail to export.
    @discardableResult
    public static func record(_ subject: Subject, period: Period, gender: Gender = .total, kind: ValueKind,
                              text: String, comment: String? = nil, by actor: Actor, at date: Date = Date(),
                              on database: any Database) async throws -> Change {
        try await database.writeTransaction { db in
            try await apply(subject, period: period, gender: gender, kind: kind, text: text, comment: comment, by: actor, at: date, on: db)
        }
    }

    /// Someone else saved the cell after the person's form was made (`expectedVersion`).
    public struct Conflict: Error, Sendable {
        public let current: Cell?
        /// The database refused the write (two first values at once): on PostgreSQL the transaction
        /// can do nothing more and must be rolled back now.
        public var transactionAborted = false
    }

    /// `record` for a caller that already holds a write transaction (saving many cells at once).
    /// - `text` empty clears the value: the cell shows nothing, and its history keeps what it was.
    /// - `expectedVersion`: the version the person's form showed (0: no value). When the cell has
    ///   moved on since and now holds another text, nothing changes and `Conflict` is thrown. The
    ///   check happens inside the transaction, with the row locked (PostgreSQL) or the write lock
    ///   held (SQLite), so two saves of the same cell cannot both pass it.
    @discardableResult
    public static func apply(_ subject: Subject, period: Period, gender: Gender = .total, kind: ValueKind,
                             text rawText: String, comment rawComment: String? = nil, expectedVersion: Int? = nil, periodChecked: Bool = false,
                             by actor: Actor, at date: Date = Date(), on db: any Database) async throws -> Change {
        let trimmed = rawText.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = trimmed.isEmpty ? "" : try ValueText(rawText).canonicalText
        let comment = try normalisedComment(rawComment)
        let user = actor.name
        let field = "\(kind.label) \(period.label) (\(gender.label.lowercased()))"
        let (planID, query) = try await lookup(subject, on: db)
        // A closed period's figures are locked (`periodChecked`: the caller asked once for many cells).
        if !periodChecked { try await PeriodLocks.requireOpen(planID: planID, period: period, at: date, on: db) }
        let cellQuery = query.filter(\.$period == period.description).filter(\.$gender == gender.rawValue).filter(\.$kind == kind.rawValue)
        if let sql = db.postgres {
            // Lock the cell's row until the transaction ends, then read it as committed now.
            let column = subject.indicatorID != nil ? "indicator_id" : "tracking_measure_id"
            try await sql.raw("""
                SELECT id FROM measure_values WHERE \(unsafeRaw: column) = \(bind: subject.id) AND period = \(bind: period.description)
                AND gender = \(bind: gender.rawValue) AND kind = \(bind: kind.rawValue) FOR UPDATE
                """).run()
        }
        let current = try await cellQuery.first()
        if let expectedVersion, (current?.version ?? 0) != expectedVersion, (current?.valueText ?? "") != text {
            throw Conflict(current: current.map(cell))
        }
        if let current {
            let newComment = text.isEmpty ? nil : comment
            guard current.valueText != text || current.comment != newComment else { return .unchanged }
            if current.valueText != text {
                try await AuditLog.append(.init(text.isEmpty ? .delete : .update, subject.entityType, subject.id, field: field,
                                                old: current.valueText.isEmpty ? nil : current.valueText, new: text.isEmpty ? nil : text, planID: planID),
                                          by: actor, at: date, on: db)
            }
            if current.comment != newComment {
                try await AuditLog.append(.init(.update, subject.entityType, subject.id, field: field + ", kommentar", old: current.comment, new: newComment, planID: planID),
                                          by: actor, at: date, on: db)
            }
            try await MeasureValueVersionModel(snapshotOf: current).create(on: db)
            current.valueText = text
            current.comment = newComment
            current.version += 1
            current.recordedBy = user
            current.recordedAt = date
            try await current.update(on: db)
            return .updated
        }
        guard !text.isEmpty else { return .unchanged }
        let position = try await lookup(subject, on: db).1.count()
        let record = ValueRecord(period: period, gender: gender, kind: kind, value: text, comment: comment)
        let model = MeasureValueModel(record, planID: planID,
                                      indicatorID: subject.indicatorID, trackingMeasureID: subject.trackingMeasureID,
                                      position: position, recordedBy: user, at: date)
        do {
            try await model.create(on: db)
        } catch where isUniqueViolation(error) {
            // Someone entered the cell's first value at the same moment.
            throw Conflict(current: nil, transactionAborted: true)
        }
        try await AuditLog.append(.init(.create, subject.entityType, subject.id, field: field, new: text, planID: planID), by: actor, at: date, on: db)
        return .created
    }

    /// A comment as stored: trimmed, nil when empty, refused with the interchange format's rules.
    static func normalisedComment(_ raw: String?) throws(ValueParseError) -> String? {
        guard let raw else { return nil }
        let comment = raw.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !comment.isEmpty else { return nil }
        if let problem = ValueText.formProblem(comment, maxLength: PlanValidator.maxTextLength) {
            throw ValueParseError(text: String(comment.prefix(40)), problem: "(kommentar) " + problem)
        }
        return comment
    }

    static func cell(_ model: MeasureValueModel) -> Cell {
        Cell(version: model.version, text: model.valueText, comment: model.comment, recordedBy: model.recordedBy, recordedAt: model.recordedAt, history: [])
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
        try await cells(planID: planID, period: period, measures: false, on: db)
    }

    /// For a plan and period: tracking measure (följetal) id → gender → kind → the cell. Two queries.
    public static func allMeasureCells(planID: String, period: Period, on db: any Database) async throws -> [String: [Gender: [ValueKind: Cell]]] {
        try await cells(planID: planID, period: period, measures: true, on: db)
    }

    static func cells(planID: String, period: Period, measures: Bool, on db: any Database) async throws -> [String: [Gender: [ValueKind: Cell]]] {
        let query = MeasureValueModel.query(on: db).filter(\.$planID == planID).filter(\.$period == period.description)
        let values = try await (measures ? query.filter(\.$trackingMeasureID != nil) : query.filter(\.$indicatorID != nil)).all()
        let versions = values.isEmpty ? [] : try await MeasureValueVersionModel.query(on: db).filter(\.$valueID ~~ values.compactMap(\.id)).sort(\.$version).all()
        let byValue = Dictionary(grouping: versions, by: \.valueID)
        var result: [String: [Gender: [ValueKind: Cell]]] = [:]
        for value in values {
            guard let id = measures ? value.trackingMeasureID : value.indicatorID, let kind = ValueKind(rawValue: value.kind),
                  let gender = Gender(rawValue: value.gender) else { continue }
            result[id, default: [:]][gender, default: [:]][kind] = Cell(version: value.version, text: value.valueText, comment: value.comment,
                                                  recordedBy: value.recordedBy, recordedAt: value.recordedAt,
                                                  history: history(of: value, earlier: byValue[value.id!] ?? []))
        }
        return result
    }

    /// Every version of a value, oldest first: the earlier ones stored, then the current.
    static func history(of current: MeasureValueModel, earlier: [MeasureValueVersionModel]) -> [Version] {
        earlier.map { Version(version: $0.version, text: $0.valueText, comment: $0.comment, recordedBy: $0.recordedBy, recordedAt: $0.recordedAt) }
            + [Version(version: current.version, text: current.valueText, comment: current.comment, recordedBy: current.recordedBy, recordedAt: current.recordedAt)]
    }

    /// Every version of one value, oldest first.
    public static func versions(_ subject: Subject, period: Period, gender: Gender = .total, kind: ValueKind,
                                on db: any Database) async throws -> [Version] {
        guard let current = try await lookup(subject, on: db).1.filter(\.$period == period.description)
            .filter(\.$gender == gender.rawValue).filter(\.$kind == kind.rawValue).first() else { return [] }
        return history(of: current, earlier: try await MeasureValueVersionModel.query(on: db).filter(\.$valueID == current.id!).sort(\.$version).all())
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
