import Foundation
import Logging
import TertialCore
import TertialDocuments
import TertialInterchange
import TertialStore
import TertialWeb
import Vapor

/// The command line. `serve` hands over to Vapor's server; the other commands open the
/// database, do their work and exit with 0 on success, 1 on bad input, 2 on wrong usage.
enum TertialCLI {
    static let usage = """
    Användning: tertial KOMMANDO [flaggor]

      serve  [--hostname H] [--port P] [--db FIL] [--no-demo]
                         Startar webbtjänsten (standard http://127.0.0.1:8080). En tom databas
                         fylls med demokommunerna om inte --no-demo anges.
      plans  [--db FIL]  Listar planerna: ID, kommun, ägande enhet, titel (tabbseparerat).
      export PLAN_ID [--format json|docx|pdf|html|xlsx|csv] [--version N]
             [--report tertial|delar|helar --year ÅÅÅÅ [--kolada-snapshot N]] [-o FIL] [--db FIL]
      export --municipality ID --report tertial|delar|helar --year ÅÅÅÅ --format docx|pdf|html|xlsx|csv [-o FIL]
                         Kommunens rapport: varje nämnds rapport för året i ett dokument.
                         Exporterar en plan i utbytesformatet (json, standard) eller som dokument:
                         Word, PDF (kräver Chromium), HTML, Excel (en flik per tabell) eller CSV
                         (en fil per tabell i en zip). --report ger en uppföljningsrapport för
                         året (jämförelser från Kolada ur den senaste ögonblicksbilden, eller
                         --kolada-snapshot N som rapporten namnger på försättsbladet);
                         --version N ger den frysta versionen N (json byte för byte).
                         Utan -o skrivs filen till standard ut.
      import FIL… [--db FIL]
                         Importerar planfiler; allt eller inget.
      ledger PLAN_ID FIL [--budget ID] [--unit kr|tkr|mnkr] [--db FIL]
                         Läser utfall från ett huvudboksutdrag (.xlsx eller .csv: Verksamhet, År,
                         en kolumn per månad) in i planens månadsuppföljning; allt eller inget.
                         --unit är filens enhet (standard kr); --budget väljer driftbudget.
      kolada sync [--kpi ID…] [--municipality KOD…] [--group ID] [--year ÅÅÅÅ…] [--since ÅÅÅÅ-MM-DD] [--db FIL]
                         Hämtar värden från Kolada (KOLADA_BASE_URL, standard https://api.kolada.se/v3)
                         för nyckeltalen (standard: de som indikatorerna är kopplade till) och
                         kommunerna; --since hämtar bara ändringar sedan dagen. Källa: Kolada.
      kolada import FIL [--db FIL]
                         Läser Kolada-värden från en fil med en JSON-rad per datarad (API:ets form),
                         utan nätverk; allt eller inget.
      demo generate [--size large|medium|small] [--seed N] [--out KATALOG] [--db FIL]
                         Skapar en syntetisk storstad (large: 40 nämnder, 1 000 enheter, 25 000
                         indikatorer, 1,5 miljoner värden; medium: en tiondel) i databasen, eller
                         som planfiler i KATALOG. Samma storlek och frö ger samma planer.
      migrate [--db FIL] Kör databasmigreringar.
      admin create --username NAMN --password-stdin [--display-name NAMN] [--db FIL]
                         Skapar ett administratörskonto; lösenordet läses från standard in.

    Databasen är SQLite-filen ./tertial.sqlite (--db ändrar), eller PostgreSQL när
    DATABASE_URL=postgres://… är satt.
    """

    struct UsageError: Error, CustomStringConvertible { let description: String }

    /// Global options every command accepts, removed from the arguments before dispatch.
    struct GlobalOptions {
        var dbPath = "tertial.sqlite"
        var loadDemo = true
        var rest: [String] = []

        init(_ arguments: [String]) throws {
            var i = 0
            while i < arguments.count {
                let argument = arguments[i]
                if argument == "--db" {
                    guard i + 1 < arguments.count else { throw UsageError(description: "--db kräver en filväg") }
                    dbPath = arguments[i + 1]; i += 2
                } else if argument.hasPrefix("--db=") {
                    dbPath = String(argument.dropFirst(5)); i += 1
                } else if argument == "--no-demo" {
                    loadDemo = false; i += 1
                } else {
                    rest.append(argument); i += 1
                }
            }
        }
    }

    static func run(_ arguments: [String]) async -> Int32 {
        let options: GlobalOptions
        do { options = try GlobalOptions(arguments) } catch { return fail(usage: "\(error)") }
        let command = options.rest.first ?? "serve"
        let database = DatabaseConfig.resolve(sqlitePath: options.dbPath)
        switch command {
        case "serve": return await serve(options, database: database)
        case "plans", "export", "import", "migrate", "admin", "ledger", "kolada", "demo":
            return await runTool(command, arguments: Array(options.rest.dropFirst()), database: database)
        case "help", "--help", "-h":
            print(usage); return 0
        default:
            return fail(usage: "okänt kommando \"\(command)\"")
        }
    }

    static func fail(usage message: String) -> Int32 {
        FileHandle.standardError.write(Data("tertial: \(message)\n\n\(usage)\n".utf8))
        return 2
    }

    static func serve(_ options: GlobalOptions, database: DatabaseConfig) async -> Int32 {
        do {
            var env = try Environment.detect(arguments: ["tertial"] + options.rest)
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            do {
                app.logger.notice("Databas: \(database.redacted)")
                try await configure(app, database: database)
                if options.loadDemo, try await DemoData.loadIfEmpty(on: app.db) {
                    app.logger.notice("Databasen var tom: demokommunerna är inlästa.")
                }
                try await app.execute()
            } catch {
                app.logger.critical("\(error)")
                try? await app.asyncShutdown()
                return 1
            }
            try await app.asyncShutdown()
            return 0
        } catch {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8))
            return 1
        }
    }

    /// Runs a non-server command on a booted application (logging to standard error only).
    static func runTool(_ command: String, arguments: [String], database: DatabaseConfig) async -> Int32 {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
        let app: Application
        do {
            app = try await Application.make(.init(name: "production", arguments: ["tertial"]))
        } catch {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        }
        let code: Int32
        do {
            try await configure(app, database: database)
            switch command {
            case "plans": code = try await plans(app)
            case "export": code = try await export(app, arguments)
            case "import": code = try await importFiles(app, arguments)
            case "admin": code = try await admin(app, arguments)
            case "ledger": code = try await ledger(app, arguments)
            case "kolada": code = try await KoladaCommand.run(app, arguments)
            case "demo": code = try await DemoCommand.run(app, arguments)
            default: code = 0 // migrate: configure has run the migrations
            }
        } catch let error as UsageError {
            try? await app.asyncShutdown()
            return fail(usage: error.description)
        } catch {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8))
            try? await app.asyncShutdown()
            return 1
        }
        try? await app.asyncShutdown()
        return code
    }

    static func plans(_ app: Application) async throws -> Int32 {
        for line in try await Catalogue.load(on: app.db).planLines { print(line) }
        return 0
    }

    static func export(_ app: Application, _ arguments: [String]) async throws -> Int32 {
        var planID: String?
        var format = "json"
        var output: String?
        var koladaSnapshot: Int?
        var municipality: String?
        var version: Int?
        var report: ReportKind?
        var year: Int?
        var i = 0
        func value(_ flag: String) throws -> String {
            guard i + 1 < arguments.count else { throw UsageError(description: "\(flag) kräver ett värde") }
            defer { i += 2 }
            return arguments[i + 1]
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--format", "-f": format = try value("--format")
            case "--version":
                guard let number = Int(try value("--version")) else { throw UsageError(description: "--version kräver ett versionsnummer") }
                version = number
            case "--report":
                let name = try value("--report")
                guard let kind = ReportKind(rawValue: name) else {
                    throw UsageError(description: "okänd rapport \"\(name)\" (tertial, delar eller helar)")
                }
                report = kind
            case "--year":
                let text = try value("--year")
                guard let number = Int(text), (1900...2200).contains(number) else { throw UsageError(description: "--year kräver ett årtal, t.ex. 2024") }
                year = number
            case "-o", "--output": output = try value("-o")
            case "--municipality": municipality = try value("--municipality")
            case "--kolada-snapshot":
                guard let number = Int(try value("--kolada-snapshot")) else { throw UsageError(description: "--kolada-snapshot kräver ett nummer") }
                koladaSnapshot = number
            default:
                guard planID == nil, !arguments[i].hasPrefix("-") else { throw UsageError(description: "okänt argument \"\(arguments[i])\"") }
                planID = arguments[i]; i += 1
            }
        }
        if let municipality {
            // The municipality's report: every committee's report for the year in one document.
            guard planID == nil, version == nil, koladaSnapshot == nil else {
                throw UsageError(description: "--municipality ger kommunens rapport och går inte med plan-id, --version eller --kolada-snapshot")
            }
            guard let report, let year else { throw UsageError(description: "--municipality kräver --report och --year") }
            guard let documentFormat = DocumentFormat(rawValue: format), format != "json" else {
                throw UsageError(description: "kommunens rapport är ett dokument: ange --format docx, pdf, html, xlsx eller csv")
            }
            guard let (document, plans) = try await PlanDocuments.municipalityReport(municipalityID: municipality, kind: report, year: year, on: app.db) else {
                FileHandle.standardError.write(Data("tertial: kommunen \"\(municipality)\" finns inte\n".utf8)); return 1
            }
            let data = try documentFormat.render(document)
            for plan in plans {
                try await AuditLog.recordExport(of: plan, as: "\(documentFormat.rawValue): \(document.cover.title)", by: commandLine, on: app.db)
            }
            try write(data, to: output)
            return 0
        }
        guard let planID else { throw UsageError(description: "export kräver ett plan-id (se tertial plans)") }
        if format != "json" {
            guard let documentFormat = DocumentFormat(rawValue: format) else {
                throw UsageError(description: "okänt format \"\(format)\" (json, docx, pdf, html, xlsx eller csv)")
            }
            if koladaSnapshot != nil, report == nil { throw UsageError(description: "--kolada-snapshot gäller en rapport (--report)") }
            return try await exportDocument(app, planID: planID, format: documentFormat, version: version, report: report, year: year, output: output,
                                            koladaSnapshot: koladaSnapshot)
        }
        guard report == nil, year == nil else { throw UsageError(description: "--report och --year gäller dokument, inte json (ange --format)") }
        if let version {
            // A frozen version: exactly the bytes exported when it was made.
            guard let data = try await PlanVersions.data(planID: planID, number: version, on: app.db) else {
                FileHandle.standardError.write(Data("tertial: planen \"\(planID)\" har ingen version \(version)\n".utf8)); return 1
            }
            try write(data, to: output)
            return 0
        }
        let document: PlanDocument
        do {
            document = try await PlanExporter.document(planID: planID, on: app.db)
        } catch let error as PlanNotFound {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        }
        if let plan = try await PlanModel.find(planID, on: app.db) {
            try await AuditLog.recordExport(of: plan, as: "json", by: commandLine, on: app.db)
        }
        try write(InterchangeCodec.encode(document), to: output)
        return 0
    }

    static func exportDocument(_ app: Application, planID: String, format: DocumentFormat, version: Int?, report: ReportKind?,
                               year: Int?, output: String?, koladaSnapshot: Int? = nil) async throws -> Int32 {
        if report != nil && version != nil { throw UsageError(description: "en rapport byggs av den aktuella planen; --version går inte med --report") }
        if (report == nil) != (year == nil) { throw UsageError(description: "--report och --year anges tillsammans") }
        let document: Document
        do {
            if let report, let year {
                document = try await PlanDocuments.report(planID: planID, kind: report, year: year, koladaSnapshot: koladaSnapshot, on: app.db)
            } else {
                document = try await PlanDocuments.plan(planID: planID, version: version, on: app.db)
            }
        } catch let error as PlanNotFound {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        } catch let error as PlanReads.NoSuchVersion {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        }
        let data: Data
        do {
            data = try format.render(document)
        } catch let error as PDFPrinter.Failure {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        }
        if let plan = try await PlanModel.find(planID, on: app.db) {
            try await AuditLog.recordExport(of: plan, as: "\(format.rawValue): \(document.cover.title)", by: commandLine, on: app.db)
        }
        try write(data, to: output)
        return 0
    }

    /// Who the audit trail names for work done from the command line.
    static var commandLine: Actor { Actor(name: "kommandorad:" + ProcessInfo.processInfo.userName) }

    static func write(_ data: Data, to output: String?) throws {
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }

    /// `admin create --username NAME --password-stdin`: the first administrator (and any later one).
    static func admin(_ app: Application, _ arguments: [String]) async throws -> Int32 {
        guard arguments.first == "create" else { throw UsageError(description: "admin kräver underkommandot create") }
        var username: String?, displayName = "", passwordFromStdin = false
        var i = 1
        while i < arguments.count {
            switch arguments[i] {
            case "--username":
                guard i + 1 < arguments.count else { throw UsageError(description: "--username kräver ett namn") }
                username = arguments[i + 1]; i += 2
            case "--display-name":
                guard i + 1 < arguments.count else { throw UsageError(description: "--display-name kräver ett namn") }
                displayName = arguments[i + 1]; i += 2
            case "--password-stdin":
                passwordFromStdin = true; i += 1
            default:
                throw UsageError(description: "okänt argument \"\(arguments[i])\"")
            }
        }
        guard let username else { throw UsageError(description: "admin create kräver --username") }
        guard passwordFromStdin else { throw UsageError(description: "admin create kräver --password-stdin (lösenord skrivs aldrig på kommandoraden)") }
        let password = (readLine(strippingNewline: true) ?? "")
        guard password.count >= 12 else {
            FileHandle.standardError.write(Data("tertial: lösenordet måste ha minst 12 tecken\n".utf8)); return 1
        }
        do {
            let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.any()).hash(password)
            let account = try await Accounts.create(username: username, displayName: displayName, passwordHash: hash, administrator: true,
                                                    by: commandLine, on: app.db)
            print("Skapade administratören \(account.username).")
            return 0
        } catch let error as Accounts.AccountError {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        }
    }

    static func ledger(_ app: Application, _ arguments: [String]) async throws -> Int32 {
        var positional: [String] = []
        var budget: String?
        var unit = MoneyUnit.kr
        var i = 0
        while i < arguments.count {
            switch arguments[i] {
            case "--budget":
                guard i + 1 < arguments.count else { throw UsageError(description: "--budget kräver ett id") }
                budget = arguments[i + 1]; i += 2
            case "--unit":
                guard i + 1 < arguments.count, let value = MoneyUnit(rawValue: arguments[i + 1]) else {
                    throw UsageError(description: "--unit ska vara kr, tkr eller mnkr")
                }
                unit = value; i += 2
            default:
                positional.append(arguments[i]); i += 1
            }
        }
        guard positional.count == 2 else { throw UsageError(description: "ledger kräver PLAN_ID och en fil") }
        let (planID, file) = (positional[0], positional[1])
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("\(file): filen kan inte läsas\nInget importerades.\n".utf8)); return 1
        }
        do {
            let summary = try await LedgerImport.apply(planID: planID, budgetID: budget, fileName: file, rows: try LedgerFile.rows(data, fileName: file), fileUnit: unit,
                                                       by: commandLine, on: app.db)
            print("Läste \(summary.rows) rader för \(summary.lines) verksamheter; \(summary.months) månader, \(summary.changed) ändrade uppföljningar (\(file))"
                  + (summary.ignoredColumns.isEmpty ? "" : ". Kolumner som inte lästes: \(summary.ignoredColumns.joined(separator: ", "))"))
            return 0
        } catch let failure as Ledger.Failure {
            FileHandle.standardError.write(Data((failure.description + "\nInget importerades.\n").utf8)); return 1
        } catch is PlanNotFound {
            FileHandle.standardError.write(Data("planen \"\(planID)\" finns inte\nInget importerades.\n".utf8)); return 1
        }
    }

    /// One interchange file, read and checked, or what is wrong with it.
    static func read(_ file: String) -> Result<PlanImporter.Source, InterchangeError> {
        guard let data = FileManager.default.contents(atPath: file) else {
            return .failure(InterchangeError([InterchangeProblem(file: file, path: "", message: "filen kan inte läsas")]))
        }
        do {
            return .success(PlanImporter.Source(name: file, document: try InterchangeCodec.decode(data)))
        } catch {
            return .failure(error.inFile(file))
        }
    }

    static func importFiles(_ app: Application, _ files: [String]) async throws -> Int32 {
        guard !files.isEmpty else { throw UsageError(description: "import kräver minst en fil") }
        // Files are read and checked on all cores but one and handed to the import in their order,
        // which writes the first while later ones are still being read.
        let (stream, continuation) = AsyncStream.makeStream(of: Result<PlanImporter.Source, InterchangeError>.self)
        let reading = Task {
            var imported: [String] = []
            await withTaskGroup(of: (Int, Result<PlanImporter.Source, InterchangeError>).self) { group in
                var next = 0, handedOver = 0
                var done: [Int: Result<PlanImporter.Source, InterchangeError>] = [:]
                func start() {
                    guard next < files.count else { return }
                    let (index, file) = (next, files[next])
                    group.addTask { (index, Self.read(file)) }
                    next += 1
                }
                // One core is left to the writing (and the database, when it is on this machine).
                for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount - 1) { start() }
                while let (index, result) = await group.next() {
                    done[index] = result
                    while let ready = done.removeValue(forKey: handedOver) {
                        if case .success(let source) = ready {
                            imported.append("Importerade \(source.document.plan.id): \(source.document.plan.title) (\(source.name))")
                        }
                        continuation.yield(ready)
                        handedOver += 1
                    }
                    start()
                }
            }
            continuation.finish()
            return imported
        }
        var problems: [InterchangeProblem] = []
        do {
            try await PlanImporter.importDocuments(streaming: stream, into: app.db, by: commandLine)
        } catch let error as InterchangeError {
            problems += error.problems
        }
        guard problems.isEmpty else {
            FileHandle.standardError.write(Data((problems.map(\.description) + ["Inget importerades."]).joined(separator: "\n").utf8 + [0x0A]))
            return 1
        }
        for line in await reading.value { print(line) }
        return 0
    }
}
