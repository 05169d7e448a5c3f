import FluentKit
import Foundation

/// A table that holds one JSON document per plan (activity plan, text sections, internal control,
/// economy tables), keyed by the plan's id.
public protocol PerPlanDocumentRow: Model where IDValue == String {
    var document: String { get set }
    init()
}

extension PlanActivityPlanModel: PerPlanDocumentRow {}
extension PlanTextSectionsModel: PerPlanDocumentRow {}
extension PlanInternalControlModel: PerPlanDocumentRow {}
extension PlanEconomyModel: PerPlanDocumentRow {}

/// The read-modify-write of a per-plan document: in one transaction with the plan's row locked
/// (PostgreSQL; SQLite's write lock is taken by the transaction itself), the stored document is read
/// — or `empty` made from the plan when it has none yet — changed by `body`, and, when `body` returns
/// audit entries, written (created the first time) together with them. Returns how many entries.
enum PerPlanDocument {
    /// `noPlan` is thrown when the plan itself does not exist.
    static func change<Row: PerPlanDocumentRow, Record: Codable & Sendable>(
        _ row: Row.Type, planID: String, by actor: Actor, at date: Date, on database: any Database, noPlan: any Error & Sendable,
        empty: @escaping @Sendable (PlanModel) throws -> Record,
        _ body: @escaping @Sendable (inout Record, any Database) async throws -> [AuditLog.Entry]) async throws -> Int {
        try await database.writeTransaction { db in
            try await lockRow(Row.schema, planID: planID, on: db)
            let stored = try await Row.find(planID, on: db)
            var record: Record
            if let stored {
                record = try JSONDecoder().decode(Record.self, from: Data(stored.document.utf8))
            } else {
                guard let plan = try await PlanModel.find(planID, on: db) else { throw noPlan }
                record = try empty(plan)
            }
            let entries = try await body(&record, db)
            guard !entries.isEmpty else { return 0 }
            let written = stored ?? { let created = Row(); created.id = planID; return created }()
            written.document = Economies.encode(record)
            if stored == nil { try await written.create(on: db) } else { try await written.update(on: db) }
            try await AuditLog.append(entries, by: actor, at: date, on: db)
            return entries.count
        }
    }
}
