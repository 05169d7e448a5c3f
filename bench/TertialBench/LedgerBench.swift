import Foundation
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import TertialTestSupport

/// `tertial-bench ledger [ROWS]`: a ledger export of ROWS rows (100 000 by default: Linköping's seven
/// activity areas × accounts × responsibilities, eight months of outcomes in kronor) read into the
/// monthly follow-up of the Linköping demo plan, as CSV and as XLSX, each into a fresh database.
/// Prints the medians, the rows per second, the ratio to a plain split-and-sum of the same CSV text
/// (the floor: no validation, no database), and shows that a file with one bad row imports nothing.
enum LedgerBench {
    static let lines = ["Förvaltning", "Övergripande verksamhet inkl nämnd", "Individ- och familjeomsorg", "Socialpsykiatri",
                        "Insatser för personer med utvecklingsstörning", "Funktionshinderade (Socialförsäkringsbalcken)", "Funktionshinderade (enl LSS)"]

    static func csv(rows: Int) -> String {
        var out = "Verksamhet;År;Konto;Ansvar;Jan;Feb;Mar;Apr;Maj;Jun;Jul;Aug;Sep;Okt;Nov;Dec\n"
        out.reserveCapacity(rows * 120)
        var seed: UInt64 = 2021
        func next() -> Int { seed = seed &* 6364136223846793005 &+ 1442695040888963407; return Int((seed >> 33) % 90_000) + 1_000 }
        for i in 0..<rows {
            let line = lines[i % lines.count]
            out += "\(line);2021;\(4000 + (i / lines.count) % 600);\(10_000 + i % 997)"
            for _ in 0..<8 { out += ";" + SwedishNumber.format(Decimal(next()), group: " ") }
            out += ";;;;\n"
        }
        return out
    }

    static func run(rows: Int, repeats: Int) async throws {
        print("Ledger import, \(rows) rows × 8 months (Linköping's driftsammandrag, file in kronor):")
        let text = csv(rows: rows)
        let data = Data(text.utf8)
        let table = Table(name: "Huvudbok", caption: "Huvudbok", header: CSVText.rows(String(text.prefix(200)))[0], numericColumns: [], rows:
            CSVText.rows(text).dropFirst().map { Row($0.map { Cell($0) }) })
        let xlsx = try DocumentFormat.xlsx.render(Document.tables([table], title: "Huvudbok", municipality: "", committee: "", source: ""))
        print("  files: CSV \(data.count / 1024) KiB, XLSX \(xlsx.count / 1024) KiB")

        // The floor: split the text and add the month columns, nothing else.
        let floor = try await measure("plain split + sum (floor)", repeats: repeats) {
            var sum = 0
            for line in text.split(separator: "\n").dropFirst() {
                for field in line.split(separator: ";", omittingEmptySubsequences: false).dropFirst(4) {
                    sum &+= Int(field.filter { $0 != " " }) ?? 0
                }
            }
            if sum == 42 { print("") }
        }
        let parse = try await measure("read and check the CSV rows", repeats: repeats) {
            _ = try Ledger.read(CSVText.rows(text), lines: budgetLines(), fileUnit: .kr, budgetUnit: .tkr)
        }
        let csvImport = try await timedIntoFreshStore(label: "CSV into the follow-up (whole import)", repeats: repeats, data: data, name: "huvudbok.csv")
        let xlsxImport = try await timedIntoFreshStore(label: "XLSX into the follow-up (whole import)", repeats: repeats, data: xlsx, name: "huvudbok.xlsx")
        print("  " + padded("rows per second (CSV import)", 40) + String(format: "%.0f", Double(rows) / (csvImport / 1000)))
        print("  " + padded("ratio import ÷ floor", 40) + String(format: "%.1f× (reading and checking alone: %.1f×)", csvImport / floor, parse / floor))
        print("  " + padded("ratio XLSX ÷ CSV import", 40) + String(format: "%.2f×", xlsxImport / csvImport))

        // A file with one bad row (near the end) imports nothing and names the row and column.
        var bad = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        bad[rows - 10] = bad[rows - 10].replacingOccurrences(of: ";2021;", with: ";2O21;")
        try await withStore { store in
            try await PlanImporter.importDocuments([try DemoData.sources()[0]], into: store.db, by: .system("bench"))
            do {
                _ = try await LedgerImport.apply(planID: "lkpg-son-internbudget-2021", budgetID: nil, fileName: "huvudbok-fel.csv",
                                                 rows: try LedgerFile.rows(Data(bad.joined(separator: "\n").utf8), fileName: "huvudbok-fel.csv"), fileUnit: .kr, by: .system("bench"), on: store.db)
                print("  a bad row was accepted: FAIL")
            } catch let failure as Ledger.Failure {
                let stored = try await EconomyFollowUpModel.query(on: store.db).count()
                print("  one bad row: \(failure.description); follow-up rows stored: \(stored)")
            }
        }
    }

    static func budgetLines() throws -> [BudgetLine] {
        let doc = try DemoData.sources()[0].document
        return doc.economy!.economy().0.operatingBudgets[0].budget.followedUpLines
    }

    static func timedIntoFreshStore(label: String, repeats: Int, data: Data, name: String) async throws -> Double {
        var samples: [Double] = []
        for run in 0..<(repeats + 1) {
            try await withStore { store in
                if run == 0 && label.hasPrefix("CSV") { print("  database: \(store.scratch.engine)") }
                try await PlanImporter.importDocuments([try DemoData.sources()[0]], into: store.db, by: .system("bench"))
                let start = clock.now
                let summary = try await LedgerImport.apply(planID: "lkpg-son-internbudget-2021", budgetID: nil, fileName: name, rows: try LedgerFile.rows(data, fileName: name),
                                                           fileUnit: .kr, by: .system("bench"), on: store.db)
                let elapsed = clock.now - start
                samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
                precondition(summary.months == 8 && summary.lines == 7)
            }
        }
        samples.removeFirst() // warm-up
        samples.sort()
        let median = samples[samples.count / 2]
        print("  " + padded(label, 40) + String(format: "median %8.2f ms   (min %.2f, max %.2f, n=%d)", median, samples.first!, samples.last!, repeats))
        return median
    }
}
