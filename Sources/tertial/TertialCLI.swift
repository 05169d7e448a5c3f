import ArgumentParser
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
    /// Parses the arguments and runs the command: 0 on success, 1 on bad input, 2 on wrong usage.
    static func run(_ arguments: [String]) async -> Int32 {
        let command: any ParsableCommand
        do {
            if let first = arguments.first, !first.hasPrefix("-"), first != "help",
               !TertialCommand.configuration.subcommands.contains(where: { $0._commandName == first }) {
                return fail(usage: "okänt kommando \"\(first)\"")
            }
            command = try TertialCommand.parseAsRoot(arguments)
        } catch {
            if TertialCommand.exitCode(for: error) == .success {
                print(TertialCommand.fullMessage(for: error)); return 0
            }
            return fail(usage: SwedishParseMessage.translate(TertialCommand.message(for: error)))
        }
        switch command {
        case let serve as ServeCommand: return await self.serve(serve)
        case let tool as any ToolCommand: return await runTool(tool)
        default:
            // `help` and `--help` print the help; a group (kolada, demo, admin) without its subcommand is a usage error.
            do {
                var other = command
                try other.run()
                return 0
            } catch {
                if type(of: command)._commandName == "help" { print(TertialCommand.fullMessage(for: error)); return 0 }
                return fail(usage: "\(type(of: command)._commandName) kräver ett underkommando:\n\n" + TertialCommand.fullMessage(for: error))
            }
        }
    }

    static func fail(usage message: String) -> Int32 {
        FileHandle.standardError.write(Data("tertial: \(message)\nSe tertial --help, eller tertial KOMMANDO --help.\n".utf8))
        return 2
    }

    static func serve(_ options: ServeCommand) async -> Int32 {
        let database = options.database.config
        do {
            var env = try Environment.detect(arguments: options.vaporArguments)
            try TertialLogging.bootstrap(from: &env)
            let app = try await Application.make(env)
            do {
                app.logger.notice("Databas: \(database.redacted)")
                try await configure(app, database: database)
                if !options.noDemo, try await DemoData.loadIfEmpty(on: app.store) {
                    app.logger.notice("Databasen var tom: demokommunerna är inlästa.")
                }
                // Reminders of reporting deadlines (TERTIAL_REMINDERS=off leaves them to `tertial reminders run`).
                if Environment.get("TERTIAL_REMINDERS") != "off" {
                    let job = try ReminderJob.fromEnvironment(defaultBaseURL: "http://\(options.hostname ?? "127.0.0.1"):\(options.port ?? "8080")")
                    app.logger.notice("Påminnelser: \(job.mailer.map { "e-post via \($0.settings.summary)" } ?? "e-post av, visas i Tertial"), var \(Int(job.interval)) s")
                    job.start(on: app)
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
    static func runTool(_ command: any ToolCommand) async -> Int32 {
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
            try await configure(app, database: command.database.config)
            switch command {
            case is PlansCommand: code = try await plans(app)
            case let export as ExportCommand: code = try await self.export(app, export)
            case let files as ImportCommand: code = try await importFiles(app, files.files)
            case let create as AdminCommand.Create: code = try await admin(app, create)
            case let create as APITokenCommand.Create: code = try await apiToken(app, create)
            case let ledger as LedgerCommand: code = try await self.ledger(app, ledger)
            case let next as NextYearCommand: code = try await nextYear(app, next.planID)
            case let reminders as RemindersCommand.Run:
                let result = try await ReminderJob.fromEnvironment(defaultBaseURL: "http://127.0.0.1:8080")
                    .run(on: app.store, today: reminders.day.flatMap(Day.init), logger: app.logger)
                print("skickade \(result.sent), skickade igen \(result.retried), misslyckades \(result.failed), i appen \(result.inApp), redan gjorda \(result.alreadyDone), osäkra \(result.uncertain)")
                code = result.failed > 0 ? 1 : 0
            case let sync as KoladaCommand.Sync: code = try await sync.run(app)
            case let file as KoladaCommand.ImportFile: code = try await file.run(app)
            case let generate as DemoCommand.Generate: code = try await generate.run(app)
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

    /// A usage problem found only once the database is open (a Kolada group that does not exist, say).
    struct UsageError: Error, CustomStringConvertible { let description: String }

    static func plans(_ app: Application) async throws -> Int32 {
        for line in try await Catalogue.load(on: app.store).planLines { print(line) }
        return 0
    }

    static func export(_ app: Application, _ options: ExportCommand) async throws -> Int32 {
        let format = options.format, output = options.output, version = options.versionNumber
        let report = options.reportKind, year = options.yearNumber, koladaSnapshot = options.snapshotNumber
        if let municipality = options.municipality, let report, let year, let documentFormat = DocumentFormat(rawValue: format) {
            // The municipality's report: every committee's report for the year in one document
            // (`ExportCommand.validate` has checked the combination).
            guard let (document, plans) = try await PlanDocuments.municipalityReport(municipalityID: municipality, kind: report, year: year, on: app.store) else {
                FileHandle.standardError.write(Data("tertial: kommunen \"\(municipality)\" finns inte\n".utf8)); return 1
            }
            let data = try documentFormat.render(document)
            for plan in plans {
                try await AuditLog.recordExport(of: plan, as: "\(documentFormat.rawValue): \(document.cover.title)", by: commandLine, on: app.store)
            }
            try write(data, to: output)
            return 0
        }
        guard let planID = options.planID else { return 2 } // `validate` requires it
        if format != "json", let documentFormat = DocumentFormat(rawValue: format) {
            return try await exportDocument(app, planID: planID, format: documentFormat, version: version, report: report, year: year, output: output,
                                            koladaSnapshot: koladaSnapshot)
        }
        if let version {
            // A frozen version: exactly the bytes exported when it was made.
            guard let data = try await PlanVersions.data(planID: planID, number: version, on: app.store) else {
                FileHandle.standardError.write(Data("tertial: planen \"\(planID)\" har ingen version \(version)\n".utf8)); return 1
            }
            try write(data, to: output)
            return 0
        }
        let document: PlanDocument
        do {
            document = try await PlanExporter.document(planID: planID, on: app.store)
        } catch let error as PlanNotFound {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        }
        if let plan = try await PlanModel.find(planID, on: app.store) {
            try await AuditLog.recordExport(of: plan, as: "json", by: commandLine, on: app.store)
        }
        try write(InterchangeCodec.encode(document), to: output)
        return 0
    }

    static func exportDocument(_ app: Application, planID: String, format: DocumentFormat, version: Int?, report: ReportKind?,
                               year: Int?, output: String?, koladaSnapshot: Int? = nil) async throws -> Int32 {
        let document: Document
        do {
            if let report, let year {
                document = try await PlanDocuments.report(planID: planID, kind: report, year: year, koladaSnapshot: koladaSnapshot, on: app.store)
            } else {
                document = try await PlanDocuments.plan(planID: planID, version: version, on: app.store)
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
        if let plan = try await PlanModel.find(planID, on: app.store) {
            try await AuditLog.recordExport(of: plan, as: "\(format.rawValue): \(document.cover.title)", by: commandLine, on: app.store)
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
    /// A new API token: the secret on standard out (only there, only now); a refusal names the problem.
    static func apiToken(_ app: Application, _ options: APITokenCommand.Create) async throws -> Int32 {
        let secret = APITokenSecret.make()
        do {
            let scopes = try APIScope.parse(options.scopes)
            // Valid through the whole of its last day, Stockholm time.
            let expiresAt = options.expires.flatMap(Day.init).map { day -> Date in
                var calendar = Calendar(identifier: .gregorian)
                calendar.timeZone = TimeZone(identifier: "Europe/Stockholm")!
                let next = day.adding(days: 1)
                return calendar.date(from: DateComponents(year: next.year, month: next.month, day: next.day))!
            }
            _ = try await APITokens.create(name: options.name ?? "", scopes: scopes, unitIDs: options.units, expiresAt: expiresAt,
                                           hash: secret.hash, hint: secret.hint, by: commandLine, on: app.store)
        } catch let refused as APIGrant.Refused {
            FileHandle.standardError.write(Data("tertial: \(refused)\nInget skapades.\n".utf8)); return 1
        } catch let refused as APITokens.Refused {
            FileHandle.standardError.write(Data("tertial: \(refused)\nInget skapades.\n".utf8)); return 1
        }
        print(secret.secret)
        return 0
    }

    static func admin(_ app: Application, _ options: AdminCommand.Create) async throws -> Int32 {
        let username = options.username ?? "", displayName = options.displayName
        let password = (readLine(strippingNewline: true) ?? "")
        guard password.count >= 12 else {
            FileHandle.standardError.write(Data("tertial: lösenordet måste ha minst 12 tecken\n".utf8)); return 1
        }
        do {
            let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.any()).hash(password)
            let account = try await Accounts.create(username: username, displayName: displayName, passwordHash: hash, administrator: true,
                                                    by: commandLine, on: app.store)
            print("Skapade administratören \(account.username).")
            return 0
        } catch let error as Accounts.AccountError {
            FileHandle.standardError.write(Data("tertial: \(error)\n".utf8)); return 1
        }
    }

    /// Next year's draft of a plan: its id on standard out; a refusal (made already) names the problem.
    static func nextYear(_ app: Application, _ planID: String) async throws -> Int32 {
        do {
            print(try await NextYearPlans.create(from: planID, by: commandLine, on: app.store))
            return 0
        } catch is PlanNotFound {
            FileHandle.standardError.write(Data("planen \"\(planID)\" finns inte\nInget skapades.\n".utf8)); return 1
        } catch let refused as NextYearPlans.Refused {
            FileHandle.standardError.write(Data((refused.problems.prefix(10).joined(separator: "\n") + "\nInget skapades.\n").utf8))
            return 1
        }
    }

    static func ledger(_ app: Application, _ options: LedgerCommand) async throws -> Int32 {
        guard let planID = options.planID, let file = options.file else { return 2 } // `validate` requires both
        let budget = options.budget, unit = options.moneyUnit
        guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("\(file): filen kan inte läsas\nInget importerades.\n".utf8)); return 1
        }
        do {
            let summary = try await LedgerImport.apply(planID: planID, budgetID: budget, fileName: file, rows: try LedgerFile.rows(data, fileName: file), fileUnit: unit,
                                                       by: commandLine, on: app.store)
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
            try await PlanImporter.importDocuments(streaming: stream, into: app.store, by: commandLine)
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
