import Foundation
import TertialInterchange
import TertialStore
import TertialSynthetic
import Vapor

/// `tertial demo generate --size large|medium|small --seed N [--out DIR]`: the synthetic municipality
/// into the database (one transaction: all or nothing) or as interchange files, one per plan.
extension DemoCommand.Generate {
    func run(_ app: Application) async throws -> Int32 {
        let out = self.out
        let municipality = SyntheticMunicipality(size: municipalitySize, seed: seedNumber)
        let started = Date()
        let documents = municipality.documents()
        // The generator's plans must pass the same checks as any imported file.
        let problems = documents.flatMap { document in InterchangeError(PlanValidator.validate(document)).inFile(document.plan.id).problems }
        guard problems.isEmpty else {
            FileHandle.standardError.write(Data((problems.prefix(20).map(\.description) + ["Inget importerades."]).joined(separator: "\n").utf8 + [0x0A]))
            return 1
        }
        let values = documents.reduce(0) { $0 + $1.valueCount }
        let summary = "\(documents.count) planer, \(documents.reduce(0) { $0 + $1.goals.count } ) mål i planerna, "
            + "\(documents.reduce(0) { $0 + $1.goals.reduce(0) { $0 + $1.indicators.count } }) indikatorer, \(values) värden"
        if let out {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for document in documents {
                try InterchangeCodec.encode(document).write(to: URL(fileURLWithPath: out).appendingPathComponent("\(document.plan.id).json"))
            }
            print("Skrev \(summary) till \(out) (\(seconds(since: started)) s).")
            return 0
        }
        do {
            try await PlanImporter.importDocuments(documents.map { PlanImporter.Source(name: $0.plan.id, document: $0) }, into: app.store,
                                                   by: TertialCLI.commandLine)
        } catch let error as InterchangeError {
            FileHandle.standardError.write(Data((error.problems.map(\.description) + ["Inget importerades."]).joined(separator: "\n").utf8 + [0x0A]))
            return 1
        }
        print("Läste in \(summary) (\(seconds(since: started)) s).")
        return 0
    }

    func seconds(since date: Date) -> String {
        String(format: "%.1f", Date().timeIntervalSince(date)).replacingOccurrences(of: ".", with: ",")
    }
}
