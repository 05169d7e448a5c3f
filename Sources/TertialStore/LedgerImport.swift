import FluentKit
import Foundation
import TertialCore
import TertialInterchange

/// Outcomes from a ledger export into a budget's monthly follow-up, all or nothing: the file is read
/// whole (every problem named by row and column) before anything is written, and every month is
/// saved in one transaction. A month's outcome to date is the file's months up to it added together;
/// the months written are those up to the last month the file has any amount in, for each year.
/// A forecast and comment already entered for a month are kept.
public enum LedgerImport {
    public struct Summary: Sendable {
        public let rows: Int
        public let lines: Int
        public let months: Int
        public let changed: Int
        public let ignoredColumns: [String]
    }

    /// Outcomes from a file's rows (`LedgerFile.rows` reads them from .xlsx or CSV; the web reads a
    /// file's rows on its thread pool, off the event loops).
    public static func apply(planID: String, budgetID: String?, fileName: String, rows: [[String]], fileUnit: MoneyUnit,
                             by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Summary {
        try await database.writeTransaction { db in
            let economy = try await Economies.typed(planID: planID, on: db)
            guard let item = budgetID.map({ id in economy.operatingBudgets.first { $0.id == id } }) ?? economy.operatingBudgets.first else {
                throw Ledger.Failure(file: fileName, problems: [.init(row: nil, column: nil,
                    message: budgetID.map { "planen har ingen driftbudget \"\($0)\"" } ?? "planen har ingen driftbudget att följa upp")])
            }
            let budget = item.budget
            let result: Ledger.Result
            do {
                result = try Ledger.read(rows, lines: budget.followedUpLines, fileUnit: fileUnit, budgetUnit: budget.unit)
            } catch let failure as Ledger.Failure {
                throw Ledger.Failure(file: fileName, problems: failure.problems)
            }
            var changed = 0, months = 0
            for year in Set(result.outcomes.map(\.year)).sorted() {
                let outcomes = result.outcomes.filter { $0.year == year }
                guard let last = outcomes.flatMap({ $0.months.keys }).max() else { continue }
                for month in 1...last {
                    let current = try await Economies.history(planID: planID, budgetID: item.id, year: year, month: month, on: db).mapValues { $0.last! }
                    let inputs = outcomes.map { outcome in
                        Economies.Input(lineID: outcome.lineID, outcomeToDate: outcome.toDate(month),
                                        forecast: current[outcome.lineID]?.forecast, comment: current[outcome.lineID]?.comment)
                    }
                    do {
                        changed += try await Economies.save(planID: planID, budgetID: item.id, year: year, month: month, inputs,
                                                            source: "huvudbok:\(fileName.split(separator: "/").last.map(String.init) ?? fileName)",
                                                            by: actor, at: date, inTransaction: db, economy: economy)
                    } catch let invalid as Economies.Invalid {
                        throw Ledger.Failure(file: fileName, problems: invalid.problems.sorted { $0.key < $1.key }.map {
                            .init(row: nil, column: nil, message: "\(SwedishMonth.name(month)) \(year): \($0.value)")
                        })
                    }
                    months += 1
                }
            }
            return Summary(rows: result.rows, lines: Set(result.outcomes.map(\.lineID)).count, months: months, changed: changed,
                           ignoredColumns: result.ignoredColumns)
        }
    }
}
