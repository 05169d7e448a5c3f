import FluentKit
import FluentPostgresDriver
import Foundation
import NIOCore
import SQLKit
import TertialInterchange

/// One plan's indicators, targets and values as an import writes them — a row each (a value's
/// first version has no version row of its own, see `ValueHistory`) — made from the document
/// alone, so they can be made on another core while the plan before is being written
/// (`PlanImporter`). No Fluent models: encoding 1,5 million models through their property wrappers
/// (each one read by reflection) was most of the client's time in a large import (`bench/RESULTS.md`).
struct ImportedRows: Sendable {
    /// How the rows will go in: SQLKit's multi-row INSERT (SQLite) or PostgreSQL's `COPY` text.
    enum Encoding: Sendable { case rows, copy }

    struct Row: Sendable {
        var id: UUID
        var indicatorID: String?
        var trackingMeasureID: String?
        var record: ValueRecord
        var position: Int
    }

    let planID: String
    let recordedBy: String
    let date: Date
    let count: Int
    private var rows: [Row] = []
    private var copy: ByteBuffer?
    /// Multi-row INSERTs of the plan's indicators, then its targets.
    private var statements: [SQLInsert] = []
    /// An adopted plan's encoding, frozen as its version 1.
    private(set) var frozen: String?

    init(_ document: PlanDocument, recordedBy: String, at date: Date, encoding: Encoding) {
        planID = document.plan.id; self.recordedBy = recordedBy; self.date = date; count = document.valueCount
        var ids = TimeOrderedUUIDs(count: count)
        var rows: [Row] = []
        rows.reserveCapacity(count)
        for goal in document.goals {
            for indicator in goal.indicators {
                for (i, value) in indicator.values.enumerated() {
                    rows.append(Row(id: ids.next(), indicatorID: indicator.id, record: value, position: i))
                }
            }
        }
        for measure in document.trackingMeasures {
            for (i, value) in measure.values.enumerated() {
                rows.append(Row(id: ids.next(), trackingMeasureID: measure.id, record: value, position: i))
            }
        }
        switch encoding {
        case .rows: self.rows = rows
        case .copy: copy = Self.copyText(rows, planID: planID, recordedBy: recordedBy, at: date)
        }
        statements = Self.indicatorsAndTargets(document)
        if document.plan.status == .adopted { frozen = String(decoding: InterchangeCodec.encode(document), as: UTF8.self) }
    }

    /// The plan's indicators and their targets, by the hundred (on PostgreSQL each statement is a
    /// round trip), in `IndicatorModel.columns` and `TargetModel.columns` order; `ImportExportTests`
    /// holds what they write to the same export as the models'.
    private static func indicatorsAndTargets(_ document: PlanDocument) -> [SQLInsert] {
        let planID = document.plan.id
        var indicators: [[any SQLExpression]] = [], targets: [[any SQLExpression]] = []
        for goal in document.goals {
            for (position, record) in goal.indicators.enumerated() {
                // The model's own mapping from the record; only writing it through Fluent (which reads
                // every property by reflection) is what the import avoids.
                let m = IndicatorModel(record, planID: planID, goalID: goal.id, position: position)
                indicators.append([SQLBind(m.id), SQLBind(m.planID), SQLBind(m.goalID), SQLBind(m.position), SQLBind(m.name), SQLBind(m.description),
                                   SQLBind(m.unit), SQLBind(m.decimals), SQLBind(m.direction), SQLBind(m.sourceKind), SQLBind(m.sourceReference),
                                   SQLBind(m.genderBreakdown), SQLBind(m.frequency), SQLBind(m.baseline), SQLBind(m.note), SQLBind(m.retired)])
            }
        }
        let targetCount = document.goals.reduce(0) { $0 + $1.indicators.reduce(0) { $0 + $1.targets.count } }
        var ids = TimeOrderedUUIDs(count: targetCount)
        for indicator in document.goals.flatMap(\.indicators) {
            for (year, text) in indicator.targets.sorted(by: { $0.key < $1.key }) {
                targets.append([SQLBind(ids.next()), SQLBind(planID), SQLBind(indicator.id), SQLBind(Int(year)!), SQLBind(text)])
            }
        }
        func inserts(_ table: String, _ columns: [String], _ rows: [[any SQLExpression]], by size: Int) -> [SQLInsert] {
            rows.chunked(size).map { chunk in
                var insert = SQLInsert(table: SQLIdentifier(table))
                insert.columns = columns.map { SQLIdentifier($0) }
                insert.values = Array(chunk)
                return insert
            }
        }
        return inserts(IndicatorModel.schema, IndicatorModel.columns, indicators, by: 200) + inserts(TargetModel.schema, TargetModel.columns, targets, by: 400)
    }

    /// The plan's indicators and targets: before its values, which refer to them.
    func writeIndicatorsAndTargets(on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        for statement in statements { try await sql.execute(sql: statement) { _ in } }
    }

    func write(on db: any Database) async throws {
        guard count > 0 else { return }
        if let copy, let postgres = db as? any PostgresDatabase {
            try await Self.copy(copy, into: postgres, logger: db.logger)
            return
        }
        precondition(copy == nil, "rows made for COPY can only go into PostgreSQL")
        try await insert(on: db as! any SQLDatabase)
    }

    /// The values as multi-row INSERTs through SQLKit.
    private func insert(on sql: any SQLDatabase) async throws {
        for chunk in rows.chunked(400) {
            var values = sql.insert(into: MeasureValueModel.schema).columns(MeasureValueModel.columns)
            for v in chunk {
                let r = v.record
                values = values.values(SQLBind(v.id), SQLBind(planID), SQLBind(v.indicatorID), SQLBind(v.trackingMeasureID), SQLBind(r.period.description),
                                       SQLBind(r.gender.rawValue), SQLBind(r.kind.rawValue), SQLBind(r.value), SQLBind(r.comment), SQLBind(1),
                                       SQLBind(recordedBy), SQLBind(date), SQLBind(v.position))
            }
            try await values.run()
        }
    }

    /// The rows in PostgreSQL's COPY text format, in `MeasureValueModel.columns` order.
    private static func copyText(_ rows: [Row], planID: String, recordedBy: String, at date: Date) -> ByteBuffer {
        var values = ByteBuffer()
        values.reserveCapacity(rows.count * 160)
        let stamp = CopyText.timestamp(date)
        for v in rows {
            let r = v.record
            CopyText.uuid(v.id, into: &values); CopyText.field(planID, into: &values); CopyText.field(v.indicatorID, into: &values)
            CopyText.field(v.trackingMeasureID, into: &values); CopyText.field(r.period.description, into: &values)
            CopyText.field(r.gender.rawValue, into: &values); CopyText.field(r.kind.rawValue, into: &values); CopyText.field(r.value, into: &values)
            CopyText.field(r.comment, into: &values); CopyText.field("1", into: &values); CopyText.field(recordedBy, into: &values)
            CopyText.field(stamp, into: &values); CopyText.integer(v.position, into: &values, last: true)
        }
        return values
    }

    /// On PostgreSQL the rows go in through `COPY … FROM STDIN` (its bulk path, what `pg_dump`'s
    /// output is restored with), on the transaction's own connection: a multi-row INSERT was 8× slower.
    private static func copy(_ rows: ByteBuffer, into database: any PostgresDatabase, logger: Logger) async throws {
        try await database.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.copyFrom(table: MeasureValueModel.schema, columns: MeasureValueModel.columns, logger: logger) {
                    try await $0.write(rows)
                }
            }
        }.get()
    }
}

/// PostgreSQL's COPY text format: tab between columns, a newline after each row, `\N` for NULL, and
/// backslash, tab, newline and carriage return escaped within a value.
enum CopyText {
    static func field(_ text: String?, into buffer: inout ByteBuffer, last: Bool = false) {
        if let text {
            let utf8 = text.utf8
            if utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
                for byte in utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                    case UInt8(ascii: "\t"): buffer.writeStaticString("\\t")
                    case UInt8(ascii: "\n"): buffer.writeStaticString("\\n")
                    case UInt8(ascii: "\r"): buffer.writeStaticString("\\r")
                    default: buffer.writeInteger(byte)
                    }
                }
            } else {
                buffer.writeString(text)
            }
        } else {
            buffer.writeStaticString("\\N")
        }
        buffer.writeInteger(last ? UInt8(ascii: "\n") : UInt8(ascii: "\t"))
    }

    static func integer(_ value: Int, into buffer: inout ByteBuffer, last: Bool = false) {
        field(String(value), into: &buffer, last: last)
    }

    /// A UUID as PostgreSQL reads it: 36 characters, lowercase hexadecimal.
    static func uuid(_ id: UUID, into buffer: inout ByteBuffer, last: Bool = false) {
        let hex: StaticString = "0123456789abcdef"
        _ = withUnsafeBytes(of: id.uuid) { bytes in
            buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: 37) { out in
                var o = 0
                hex.withUTF8Buffer { digits in
                    for (i, byte) in bytes.enumerated() {
                        if i == 4 || i == 6 || i == 8 || i == 10 { out[o] = UInt8(ascii: "-"); o += 1 }
                        out[o] = digits[Int(byte >> 4)]; out[o + 1] = digits[Int(byte & 0x0F)]; o += 2
                    }
                }
                out[o] = last ? UInt8(ascii: "\n") : UInt8(ascii: "\t")
                return o + 1
            }
        }
    }

    /// A timestamp as PostgresNIO's binary encoding stores it (whole microseconds since 2000, cut
    /// toward zero), written in UTC.
    static func timestamp(_ date: Date) -> String {
        let start = Date(timeIntervalSince1970: 946_684_800)
        let micros = Int64(date.timeIntervalSince(start) * 1_000_000)
        var seconds = micros / 1_000_000, fraction = micros % 1_000_000
        if fraction < 0 { fraction += 1_000_000; seconds -= 1 }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: start.addingTimeInterval(TimeInterval(seconds)))
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%06lld+00", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!, fraction)
    }
}
