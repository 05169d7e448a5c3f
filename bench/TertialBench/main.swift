import Foundation
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import TertialTestSupport
import TertialWeb

// Benchmarks for the plan read path. Prints figures for a small and a large synthetic plan and
// the ratio between them: reading a plan costs a fixed number of queries, so time should grow
// with the amount of data (about linearly), not with the number of round trips.
// Run: swift run -c release tertial-bench   (TERTIAL_TEST_DATABASE_URL=postgres://… for PostgreSQL)

let clock = ContinuousClock()

// `tertial-bench write-plan FILE [INDICATORS]`: writes an adopted, public synthetic plan (150 indicators
// by default) in the interchange format, for bench/page-load to import and load.
if CommandLine.arguments.count >= 3, CommandLine.arguments[1] == "write-plan" {
    let indicators = CommandLine.arguments.count >= 4 ? Int(CommandLine.arguments[3]) ?? 150 : 150
    var plan = SyntheticPlan.make(id: "bench", goals: max(1, indicators / 5), indicatorsPerGoal: 5)
    plan.plan.status = .adopted
    plan.plan.isPublic = true
    plan.plan.decision = DecisionRecord(body: "Nämnden", date: "2024-11-20", paragraph: "§ 1", caseNumber: "N 2024-1", points: ["Planen fastställs."])
    try InterchangeCodec.encode(plan).write(to: URL(fileURLWithPath: CommandLine.arguments[2]))
    exit(0)
}

// `tertial-bench ledger [ROWS]`: the ledger import benchmark (see LedgerBench.swift).
if CommandLine.arguments.count >= 2, CommandLine.arguments[1] == "ledger" {
    let rows = CommandLine.arguments.count >= 3 ? Int(CommandLine.arguments[2]) ?? 100_000 : 100_000
    try await LedgerBench.run(rows: rows, repeats: 5)
    exit(0)
}

// `tertial-bench save [REPEATS]`: saving one target without reading the whole plan (SaveBench.swift).
if CommandLine.arguments.count >= 2, CommandLine.arguments[1] == "save" {
    try await SaveBench.run(repeats: CommandLine.arguments.count >= 3 ? Int(CommandLine.arguments[2]) ?? 30 : 30)
    exit(0)
}

// `tertial-bench scale [--db FILE]`: documents and evaluation on the synthetic municipality (ScaleBench.swift).
if CommandLine.arguments.count >= 2, CommandLine.arguments[1] == "scale" {
    try await ScaleBench.run(arguments: Array(CommandLine.arguments.dropFirst(2)))
    exit(0)
}

func measure(_ label: String, repeats: Int, _ body: () async throws -> Void) async throws -> Double {
    try await body() // warm up
    var samples: [Double] = []
    for _ in 0..<repeats {
        let start = clock.now
        try await body()
        let elapsed = clock.now - start
        samples.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
    }
    samples.sort()
    let median = samples[samples.count / 2]
    print("  " + padded(label, 40) + String(format: "median %8.2f ms   (min %.2f, max %.2f, n=%d)", median, samples.first!, samples.last!, repeats))
    return median
}

func padded(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count + 1), withPad: " ", startingAt: 0) }

struct Figures { var importMs = 0.0, readMs = 0.0, renderMs = 0.0, encodeMs = 0.0, decodeMs = 0.0, docxMs = 0.0, xlsxMs = 0.0, htmlMs = 0.0 }

func run(goals: Int, indicatorsPerGoal: Int) async throws -> Figures {
    let document = SyntheticPlan.make(id: "bench\(goals)", goals: goals, indicatorsPerGoal: indicatorsPerGoal)
    print("Plan with \(goals) goals × \(indicatorsPerGoal) indicators = \(goals * indicatorsPerGoal) indicators:")
    var figures = Figures()
    let data = InterchangeCodec.encode(document)
    figures.encodeMs = try await measure("encode JSON (\(data.count / 1024) KiB)", repeats: 20) { _ = InterchangeCodec.encode(document) }
    figures.decodeMs = try await measure("decode + validate JSON", repeats: 20) { _ = try InterchangeCodec.decode(data) }
    try await withStore { store in
        print("  database: \(store.scratch.engine)")
        let start = clock.now
        try await PlanImporter.importDocuments([.init(name: "bench.json", document: document)], into: store.db, by: .system("bench"))
        let elapsed = clock.now - start
        figures.importMs = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print("  " + padded("import into the database", 40) + String(format: "once   %8.2f ms", figures.importMs))
        figures.readMs = try await measure("read plan (fixed number of queries)", repeats: 20) {
            _ = try await PlanExporter.document(planID: document.plan.id, on: store.db)
        }
        let loaded = try await PlanReads.plan(document.plan.id, on: store.db)
        figures.renderMs = try await measure("evaluate + render plan page", repeats: 20) { _ = PlanPageRenderer.render(loaded) }
        // Documents: build the document model from the plan, then write the file (what `tertial export` does after reading).
        let size = DOCXRenderer.render(PlanDocumentBuilder.build(loaded, source: "bench")).count
        figures.docxMs = try await measure("build + write DOCX (\(size / 1024) KiB)", repeats: 20) {
            _ = DOCXRenderer.render(PlanDocumentBuilder.build(loaded, source: "bench"))
        }
        figures.xlsxMs = try await measure("build + write XLSX", repeats: 20) { _ = XLSXRenderer.render(PlanDocumentBuilder.build(loaded, source: "bench")) }
        figures.htmlMs = try await measure("build + write HTML (PDF source)", repeats: 20) { _ = HTMLRenderer.render(PlanDocumentBuilder.build(loaded, source: "bench")) }
    }
    return figures
}

let small = try await run(goals: 6, indicatorsPerGoal: 5)
let large = try await run(goals: 60, indicatorsPerGoal: 5)
let documentSize = try await run(goals: 30, indicatorsPerGoal: 5)
print("\nDOCX for a plan of 150 indicators: \(String(format: "%.1f", documentSize.docxMs)) ms (goal: well under 1 000 ms; "
      + "\(String(format: "%.0f", 1000 / max(documentSize.docxMs, 0.001)))× headroom; read from the database: \(String(format: "%.1f", documentSize.readMs)) ms more)")
print("\nRatios, large ÷ small (10× the indicators):")
for (label, a, b) in [("read plan", large.readMs, small.readMs), ("render page", large.renderMs, small.renderMs),
                      ("write DOCX", large.docxMs, small.docxMs), ("write XLSX", large.xlsxMs, small.xlsxMs),
                      ("import", large.importMs, small.importMs), ("decode JSON", large.decodeMs, small.decodeMs)] {
    print("  " + padded(label, 14) + String(format: "%6.1f×", a / b))
}

// Evaluation throughput in Core.
let forms = try ["≥ 90", "≤108", "70-100", "-10% jmf med föregående år", "95% inom 120 dgr", "Bättre än föregående år"].map(TargetParser.parse)
let evaluations = 600_000
let start = clock.now
var met = 0
for i in 0..<evaluations {
    if Evaluator.attainment(of: forms[i % forms.count], direction: .increase, value: Decimal(i % 200), previous: 100) == .met { met += 1 }
}
let seconds = Double((clock.now - start).components.attoseconds) / 1e18 + Double((clock.now - start).components.seconds)
print(String(format: "\nTarget evaluation: %.0f per second (%d evaluations, %d met)", Double(evaluations) / seconds, evaluations, met))
