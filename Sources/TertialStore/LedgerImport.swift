import FluentKit
import Foundation
import TertialCore
import TertialDocuments
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

    /// Rows of the file: .xlsx (the first sheet with a Verksamhet column, else the first sheet) or CSV/text.
    public static func rows(_ data: Data, fileName: String) throws -> [[String]] {
        if data.starts(with: [0x50, 0x4b, 0x03, 0x04]) || fileName.lowercased().hasSuffix(".xlsx") {
            do {
                let ledger = try SpreadsheetReader.firstSheet(xlsx: data) { first in
                    first.contains { row in row.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "verksamhet" } }
                }
                return ledger?.rows ?? []
            } catch {
                throw Ledger.Failure(file: fileName, problems: [.init(row: nil, column: nil, message: error.description)])
            }
        }
        func refuse(_ message: String) -> Ledger.Failure { Ledger.Failure(file: fileName, problems: [.init(row: nil, column: nil, message: message)]) }
        // As many rows as a sheet may have (the file's size is bounded by the upload limit).
        let lines = data.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } }
        guard lines <= SpreadsheetReader.maxRows else { throw refuse("filen har fler än \(SwedishNumber.format(SpreadsheetReader.maxRows)) rader") }
        let text: String
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            // Excel's "Unicode-text" is UTF-16 with a byte-order mark.
            guard let utf16 = String(data: data, encoding: .utf16) else { throw refuse("filen börjar som UTF-16 men går inte att läsa som UTF-16") }
            text = utf16
        } else if data.contains(0) {
            throw refuse("filen har fel teckenkodning (den ser ut att vara UTF-16 utan byte-ordningsmärke): spara den som CSV UTF-8 eller som .xlsx")
        } else if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if let latin = String(data: data, encoding: .windowsCP1252) {
            // Excel's "CSV (semikolonavgränsad)" on older Windows is Windows-1252.
            text = latin
        } else {
            throw refuse("filen är varken UTF-8, UTF-16 eller Windows-1252")
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) {
            throw refuse("filen har fel teckenkodning eller är ingen textfil (den innehåller styrtecken): spara den som CSV UTF-8 eller som .xlsx")
        }
        return CSVText.rows(text)
    }

    public static func apply(planID: String, budgetID: String?, fileName: String, data: Data, fileUnit: MoneyUnit,
                             by actor: Actor, at date: Date = Date(), on database: any Database) async throws -> Summary {
        try await apply(planID: planID, budgetID: budgetID, fileName: fileName, rows: rows(data, fileName: fileName), fileUnit: fileUnit,
                        by: actor, at: date, on: database)
    }

    /// The same for rows already read (the web reads a file's rows on its thread pool, off the event loops).
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
