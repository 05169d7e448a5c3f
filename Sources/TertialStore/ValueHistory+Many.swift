import FluentKit
import Foundation
import TertialCore

extension ValueHistory {
    /// One cell to write, with the version the writer's form (or the integration's last read) showed.
    public struct CellWrite: Sendable, Hashable {
        public let subject: Subject
        public let gender: Gender
        public let kind: ValueKind
        /// The value as typed; empty clears the cell (its history keeps what it was).
        public let text: String
        public let comment: String?
        /// The version the writer based the change on (0: no value); nil: write whatever is there.
        public let expectedVersion: Int?

        public init(subject: Subject, gender: Gender = .total, kind: ValueKind, text: String, comment: String? = nil, expectedVersion: Int?) {
            self.subject = subject; self.gender = gender; self.kind = kind; self.text = text; self.comment = comment
            self.expectedVersion = expectedVersion
        }
    }

    /// Cells that someone else saved after the writer read them; nothing was saved.
    /// Keyed by the write's index in the list given to `save`, with what the cell holds now.
    public struct Conflicts: Error, Sendable {
        public let cells: [Int: Cell?]
    }

    /// Saves many cells of one plan and period in one transaction — the values grid and the API's bulk
    /// write both come here, so both get the same period lock, conflict check and audit trail. Either
    /// every cell is saved or none: a closed period throws `PeriodLocks.Closed`, a cell someone else
    /// changed since throws `Conflicts` naming every such cell. Returns how many cells changed.
    public static func save(_ writes: [CellWrite], planID: String, period: Period, by actor: Actor, on database: any Database) async throws -> Int {
        try await database.writeTransaction { db -> Int in
            try await PeriodLocks.requireOpen(planID: planID, period: period, on: db)
            var count = 0
            var conflicts: [Int: Cell?] = [:]
            for (index, write) in writes.enumerated() {
                do {
                    if try await apply(write.subject, period: period, gender: write.gender, kind: write.kind, text: write.text,
                                       comment: write.comment, expectedVersion: write.expectedVersion, periodChecked: true,
                                       by: actor, on: db) != .unchanged { count += 1 }
                } catch let conflict as Conflict {
                    conflicts[index] = conflict.current
                    if conflict.transactionAborted { break }
                }
            }
            if !conflicts.isEmpty { throw Conflicts(cells: conflicts) }
            return count
        }
    }
}
