import Foundation
import TertialKolada
import TertialStore
import TertialWeb
import Vapor

/// `tertial kolada sync|import`: Kolada's values into the database, each run a snapshot.
extension KoladaCommand.Sync {
    func run(_ app: Application) async throws -> Int32 {
        var kpis = self.kpis
        var municipalities = self.municipalities
        let groups = self.groups, years = self.years, since = self.since
        if kpis.isEmpty {
            // The KPIs the plans' indicators are linked to.
            kpis = try await KoladaValues.linkedKPIs(on: app.store)
            guard !kpis.isEmpty else { throw TertialCLI.UsageError(description: "inga indikatorer är kopplade till Kolada; ange --kpi") }
        }
        let base = KoladaClient.baseURL(environment: ProcessInfo.processInfo.environment)
        let progress = KoladaCommand.Progress()
        let client = KoladaClient(baseURL: base, transport: KoladaHTTP.transport(app),
                                  backoff: .milliseconds(Int(ProcessInfo.processInfo.environment["KOLADA_BACKOFF_MS"] ?? "") ?? 500),
                                  progress: { url, rows in progress.tick(url, rows) })
        do {
            if !groups.isEmpty {
                let all = try await client.municipalityGroups()
                for id in groups {
                    guard let group = all.first(where: { $0.id == id }) else { throw TertialCLI.UsageError(description: "Kolada har ingen kommungrupp \"\(id)\"") }
                    municipalities += group.members.map(\.id)
                }
            }
            if municipalities.isEmpty, groups.isEmpty {
                // Every municipality's own code, its comparisons and the country.
                municipalities = try await KoladaValues.allSettings(on: app.store).flatMap(\.all)
            }
            municipalities = Array(NSOrderedSet(array: municipalities)).compactMap { $0 as? String }
            guard !municipalities.isEmpty || !years.isEmpty else {
                throw TertialCLI.UsageError(description: "ange --municipality, --group eller --year, eller kommunens Kolada-kod under Inställningar (Kolada kräver två av nyckeltal, kommuner och år)")
            }
            let args = (["sync"] + self.kpis.map { "--kpi \($0)" } + self.municipalities.map { "--municipality \($0)" } + groups.map { "--group \($0)" }
                        + years.map { "--year \($0)" } + (since.map { ["--since \($0)"] } ?? [])).joined(separator: " ")
            let snapshot = try await KoladaValues.startSnapshot(source: base.absoluteString, arguments: args, on: app.store)
            let rows = try await client.data(kpis: kpis, municipalities: municipalities, years: years, since: since)
            // Kolada's names of the municipalities, for the comparisons.
            try await KoladaValues.saveNames(try await client.municipalities(), on: app.store)
            let summary = try await KoladaValues.apply(rows, snapshot: snapshot, on: app.store)
            try await KoladaValues.finish(snapshot: snapshot, on: app.store)
            progress.done()
            print("Kolada: \(rows.count) rader från \(progress.requests) anrop; \(summary.changed) värden nya eller ändrade, \(summary.deleted) borttagna (ögonblicksbild \(snapshot)). Källa: Kolada")
            return 0
        } catch let error as KoladaError {
            progress.done()
            FileHandle.standardError.write(Data("tertial: \(error.description)\nInget sparades från den här körningen.\n".utf8))
            return 1
        } catch let invalid as KoladaValues.InvalidRows {
            progress.done()
            FileHandle.standardError.write(Data("tertial: Kolada skickade rader som inte följer API:ets definition:\n\(invalid.description)\nInget sparades från den här körningen.\n".utf8))
            return 1
        }
    }

}

extension KoladaCommand.ImportFile {
    /// A file of data rows, one JSON object per line in the API's shape (for installations without network).
    func run(_ app: Application) async throws -> Int32 {
        guard let file else { return 2 } // `validate` requires it
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("\(file): filen kan inte läsas\nInget importerades.\n".utf8)); return 1
        }
        var rows: [KoladaDataRow] = []
        func refuse(_ message: String) -> Int32 {
            FileHandle.standardError.write(Data("\(file): \(message)\nInget importerades.\n".utf8)); return 1
        }
        // UTF-8, with or without a byte-order mark (Windows tools write one); anything else is refused, never replaced.
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        guard let whole = String(data: bytes, encoding: .utf8) else { return refuse("filen är inte UTF-8") }
        for (i, line) in whole.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { continue }
            do {
                let row = try JSONDecoder().decode(KoladaDataRow.self, from: Data(text.utf8))
                if let problem = row.problems.first { return refuse("rad \(i + 1): \(problem)") }
                rows.append(row)
            } catch {
                let reason: String
                switch error {
                case DecodingError.keyNotFound(let key, _): reason = "fältet \"\(key.stringValue)\" saknas"
                case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
                    reason = "fältet \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\" har fel typ"
                case DecodingError.dataCorrupted(let context):
                    reason = context.codingPath.isEmpty ? "raden är ingen JSON" : "fältet \"\(context.codingPath.map(\.stringValue).joined(separator: "."))\": \(context.debugDescription)"
                default: reason = "raden kan inte läsas"
                }
                FileHandle.standardError.write(Data("\(file): rad \(i + 1): \(reason)\nInget importerades.\n".utf8))
                return 1
            }
        }
        let snapshot = try await KoladaValues.startSnapshot(source: "fil \(file)", arguments: "import \(file)", on: app.store)
        let summary = try await KoladaValues.apply(rows, snapshot: snapshot, on: app.store)
        try await KoladaValues.finish(snapshot: snapshot, on: app.store)
        print("Kolada: \(rows.count) rader från \(file); \(summary.changed) värden nya eller ändrade, \(summary.deleted) borttagna (ögonblicksbild \(snapshot)). Källa: Kolada")
        return 0
    }

}

extension KoladaCommand {
    /// A progress line on standard error (a bar when it is a terminal).
    final class Progress: @unchecked Sendable {
        let lock = NSLock()
        var requests = 0
        let terminal = isatty(2) != 0
        func tick(_ url: URL, _ rows: Int) {
            lock.withLock {
                requests += 1
                let line = "Kolada: \(requests) anrop, \(rows) rader"
                if terminal {
                    let bar = String(repeating: "█", count: min(requests, 30)) + String(repeating: "░", count: max(0, 30 - requests))
                    FileHandle.standardError.write(Data("\r\(bar) \(line)".utf8))
                } else {
                    FileHandle.standardError.write(Data("\(line) (\(url.path))\n".utf8))
                }
            }
        }
        func done() { if terminal { FileHandle.standardError.write(Data("\n".utf8)) } }
    }
}
