import Foundation
import TertialInterchange
import TertialStore
import TertialSynthetic
import Vapor

/// `tertial demo generate --size large|medium|small --seed N [--out DIR]`: the synthetic municipality
/// into the database (one transaction: all or nothing) or as interchange files, one per plan.
enum DemoCommand {
    static func run(_ app: Application, _ arguments: [String]) async throws -> Int32 {
        guard arguments.first == "generate" else { throw TertialCLI.UsageError(description: "demo kräver underkommandot generate") }
        var size = SyntheticMunicipality.Size.medium
        var seed: UInt64 = 1
        var out: String?
        var i = 1
        func value(_ flag: String) throws -> String {
            guard i + 1 < arguments.count else { throw TertialCLI.UsageError(description: "\(flag) kräver ett värde") }
            defer { i += 2 }
            return arguments[i + 1]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--size":
                let text = try value("--size")
                guard let parsed = SyntheticMunicipality.Size(rawValue: text) else {
                    throw TertialCLI.UsageError(description: "--size är large, medium eller small, inte \"\(text)\"")
                }
                size = parsed
            case "--seed":
                let text = try value("--seed")
                guard let parsed = UInt64(text) else { throw TertialCLI.UsageError(description: "--seed är ett heltal ≥ 0, inte \"\(text)\"") }
                seed = parsed
            case "--out": out = try value("--out")
            default: throw TertialCLI.UsageError(description: "okänt argument \"\(arguments[i])\" till demo generate")
            }
        }
        let municipality = SyntheticMunicipality(size: size, seed: seed)
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
            try await PlanImporter.importDocuments(documents.map { PlanImporter.Source(name: $0.plan.id, document: $0) }, into: app.db,
                                                   by: TertialCLI.commandLine)
        } catch let error as InterchangeError {
            FileHandle.standardError.write(Data((error.problems.map(\.description) + ["Inget importerades."]).joined(separator: "\n").utf8 + [0x0A]))
            return 1
        }
        print("Läste in \(summary) (\(seconds(since: started)) s).")
        return 0
    }

    static func seconds(since date: Date) -> String {
        String(format: "%.1f", Date().timeIntervalSince(date)).replacingOccurrences(of: ".", with: ",")
    }
}
