import FluentKit
import Foundation
import Logging
import NIOPosix
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import TertialWeb
import TertialSynthetic

/// `tertial-bench scale [--db FILE]` (PostgreSQL when DATABASE_URL is set): on a database holding the
/// synthetic municipality (`tertial demo generate`), the document and evaluation figures of issue 14,
/// each the median of several runs after a warm-up, printed with its goal.
enum ScaleBench {
    static func run(arguments: [String]) async throws {
        var path = "tertial.sqlite"
        if let i = arguments.firstIndex(of: "--db"), i + 1 < arguments.count { path = arguments[i + 1] }
        // `--only document|annual|evaluate` runs one figure (for a profiler).
        let only = arguments.firstIndex(of: "--only").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
        func wanted(_ name: String) -> Bool { only == nil || only == name }
        let config = DatabaseConfig.resolve(sqlitePath: path)
        let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
        databases.use(try config.factory(), as: config.databaseID)
        let db = databases.database(config.databaseID, logger: Logger(label: "bench"), on: MultiThreadedEventLoopGroup.singleton.any())!
        let municipality = SyntheticMunicipality(size: .large, seed: 1)
        let planID = municipality.committeePlanID(0)
        do {
          if wanted("document") {
            let coldStart = ContinuousClock.now
            let plan = try await PlanDocuments.plan(planID: planID, on: db)
            let size = DOCXRenderer.render(plan).count
            let cold = milliseconds(ContinuousClock.now - coldStart)
            let indicators = try await IndicatorModel.query(on: db).filter(\.$planID == planID).count()
            let read = try await median(repeats: 9) { _ = try await PlanDocuments.plan(planID: planID, on: db) }
            let write = try await median(repeats: 9) { _ = DOCXRenderer.render(plan) }
            let both = try await median(repeats: 9) { _ = DOCXRenderer.render(try await PlanDocuments.plan(planID: planID, on: db)) }
            if only == "document" {
                // Where the read goes (printed only when profiling one figure).
                let export = try await median(repeats: 9) { _ = try await PlanExporter.document(planID: planID, on: db) }
                let live = try await PlanExporter.document(planID: planID, on: db)
                let encode = try await median(repeats: 9) { _ = InterchangeCodec.encode(live) }
                let versions = try await median(repeats: 9) { _ = try await PlanVersions.list(planID: planID, on: db) }
                print(String(format: "  (export %.1f ms, encode %.1f ms, versions %.1f ms)", export, encode, versions))
            }
            line("document", "DOCX of a committee plan (\(indicators) indicators, \(size / 1024) KiB)", both, goal: 100,
                 note: String(format: "read and build %.1f ms + write %.1f ms; the first, before the plan was read at this revision: %.1f ms", read, write, cold))
          }
          if wanted("annual") {
            let coldStart = ContinuousClock.now
            let report = try await PlanDocuments.municipalityReport(municipalityID: SyntheticMunicipality.municipalityID, kind: .helar, year: 2026, on: db)!
            let reportSize = DOCXRenderer.render(report.document).count
            let cold = milliseconds(ContinuousClock.now - coldStart)
            let annual = try await median(repeats: 3) {
                let built = try await PlanDocuments.municipalityReport(municipalityID: SyntheticMunicipality.municipalityID, kind: .helar, year: 2026, on: db)!
                _ = DOCXRenderer.render(built.document)
            }
            line("document", "annual report of the municipality (\(report.plans.count) committees, \(reportSize / 1024 / 1024) MiB DOCX)", annual, goal: 3_000,
                 note: String(format: "the first, before the plans were read at their revisions: %.0f ms", cold))
          }
          if wanted("evaluate") {
            let period = Period(year: 2026, part: .tertial(2))
            let result = try await MunicipalityEvaluation.goalStatuses(municipalityID: SyntheticMunicipality.municipalityID, period: period, on: db)
            let evaluate = try await median(repeats: 9) {
                _ = try await MunicipalityEvaluation.goalStatuses(municipalityID: SyntheticMunicipality.municipalityID, period: period, on: db)
            }
            line("evaluate", "every goal for tertial 2 2026 (\(result.statuses.count) goals, \(result.indicatorsEvaluated) indicators, \(result.valuesRead) values read)",
                 evaluate, goal: 500, note: "met \(result.count(.met)), partly \(result.count(.partlyMet)), not met \(result.count(.notMet)), not assessable \(result.count(.notAssessable))")
          }
        } catch {
            await databases.shutdownAsync()
            throw error
        }
        await databases.shutdownAsync()
    }

    static func milliseconds(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15 }

    static func median(repeats: Int, _ body: () async throws -> Void) async throws -> Double {
        try await body()
        var samples: [Double] = []
        for _ in 0..<repeats {
            let start = ContinuousClock.now
            try await body()
            let elapsed = ContinuousClock.now - start
            samples.append(milliseconds(elapsed))
        }
        return samples.sorted()[samples.count / 2]
    }

    static func line(_ group: String, _ label: String, _ ms: Double, goal: Double, note: String? = nil) {
        let verdict = ms <= goal ? "met" : "MISSED"
        print("  " + padded(group, 10) + padded(label, 92) + String(format: "%9.1f ms   (goal <= %.0f ms: %@)", ms, goal, verdict)
              + (note.map { "\n" + String(repeating: " ", count: 14) + $0 } ?? ""))
    }
}
