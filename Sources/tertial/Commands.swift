import ArgumentParser
import Foundation
import TertialCore
import TertialDocuments
import TertialStore
import TertialSynthetic

// The command line's shape: each subcommand, its options and its help, parsed by swift-argument-parser.
// What a command does is in `TertialCLI` (and `KoladaCommand`, `DemoCommand`); these types only hold
// what was typed, checked with the same Swedish messages as before (values are read as text and
// checked in `validate()`, so a bad number says what a good one looks like).

/// `--db FIL`, which every command takes.
struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("SQLite-filen (standard ./tertial.sqlite). Med DATABASE_URL=postgres://… används PostgreSQL i stället.",
                               valueName: "fil"))
    var db = "tertial.sqlite"

    var config: DatabaseConfig { DatabaseConfig.resolve(sqlitePath: db) }
}

/// A command that opens the database, does its work and exits (everything but `serve`).
protocol ToolCommand: ParsableCommand {
    var database: DatabaseOption { get }
}

struct TertialCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tertial",
        abstract: "Tertial: planering och uppföljning för kommunens nämnder.",
        discussion: """
        Utan kommando startar webbtjänsten (serve). Databasen är SQLite-filen ./tertial.sqlite \
        (--db ändrar), eller PostgreSQL när DATABASE_URL=postgres://… är satt. Migreringar körs vid varje start. \
        Felkoder: 0 klart, 1 fel i indata (inget ändrades), 2 fel användning.
        """,
        subcommands: [ServeCommand.self, PlansCommand.self, ExportCommand.self, ImportCommand.self, LedgerCommand.self, NextYearCommand.self, KoladaCommand.self, DemoCommand.self, MigrateCommand.self, AdminCommand.self, RemindersCommand.self, APITokenCommand.self],
        defaultSubcommand: ServeCommand.self)
}

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Startar webbtjänsten (standard http://127.0.0.1:8080).",
        discussion: "En tom databas fylls med demokommunerna om inte --no-demo anges.")

    @Option(help: ArgumentHelp("Adressen att lyssna på (standard 127.0.0.1).", valueName: "värd"))
    var hostname: String?
    @Option(help: ArgumentHelp("Porten (standard 8080).", valueName: "port"))
    var port: String?
    @Option(help: ArgumentHelp("Loggnivå: trace, debug, info, notice, warning, error eller critical (eller LOG_LEVEL).", valueName: "nivå"))
    var log: String?
    @Flag(help: "Lämna en tom databas tom (inga demokommuner).")
    var noDemo = false
    @OptionGroup var database: DatabaseOption

    /// The arguments Vapor's own serve command reads.
    var vaporArguments: [String] {
        var arguments = ["tertial", "serve"]
        if let hostname { arguments += ["--hostname", hostname] }
        if let port { arguments += ["--port", port] }
        if let log { arguments += ["--log", log] }
        return arguments
    }
}

struct PlansCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "plans",
        abstract: "Listar planerna: id, kommun, ägande enhet, titel (tabbseparerat).")
    @OptionGroup var database: DatabaseOption
}

struct ExportCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Exporterar en plan i utbytesformatet (json, standard) eller som dokument, eller kommunens rapport.",
        discussion: """
        Dokument: Word (docx), PDF (kräver Chromium), HTML, Excel (xlsx, en flik per tabell) eller CSV (en fil per \
        tabell i en zip). --report ger en uppföljningsrapport för året, med jämförelser från Kolada ur den senaste \
        ögonblicksbilden eller --kolada-snapshot N, som rapporten namnger på försättsbladet. --version N ger den frysta \
        versionen N (json byte för byte). --municipality ID med --report och --year ger kommunens rapport: varje nämnds \
        rapport för året i ett dokument. Utan -o skrivs filen till standard ut.
        """)

    @Argument(help: ArgumentHelp("Planens id (se tertial plans).", valueName: "plan-id"))
    var planID: String?
    @Option(name: [.short, .long], help: ArgumentHelp("json, docx, pdf, html, xlsx eller csv.", valueName: "format"))
    var format = "json"
    @Option(help: ArgumentHelp("Den frysta versionen N.", valueName: "n"))
    var version: String?
    @Option(help: ArgumentHelp("Uppföljningsrapport: tertial, delar eller helar (med --year).", valueName: "rapport"))
    var report: String?
    @Option(help: ArgumentHelp("Rapportens år, t.ex. 2024.", valueName: "åååå"))
    var year: String?
    @Option(help: ArgumentHelp("Kolada-ögonblicksbilden N för rapportens jämförelser.", valueName: "n"))
    var koladaSnapshot: String?
    @Option(help: ArgumentHelp("Kommunens rapport i stället för en plans.", valueName: "id"))
    var municipality: String?
    @Option(name: [.short, .long], help: ArgumentHelp("Filen att skriva (standard: standard ut).", valueName: "fil"))
    var output: String?
    @OptionGroup var database: DatabaseOption

    var versionNumber: Int? { version.flatMap { Int($0) } }
    var reportKind: ReportKind? { report.flatMap { ReportKind(rawValue: $0) } }
    var yearNumber: Int? { year.flatMap { Int($0) } }
    var snapshotNumber: Int? { koladaSnapshot.flatMap { Int($0) } }

    func validate() throws {
        if let version, Int(version) == nil { throw ValidationError("--version kräver ett versionsnummer") }
        if let report, ReportKind(rawValue: report) == nil {
            throw ValidationError("okänd rapport \"\(report)\" (tertial, delar eller helar)")
        }
        if let year, !(Int(year).map { (1900...2200).contains($0) } ?? false) { throw ValidationError("--year kräver ett årtal, t.ex. 2024") }
        if let koladaSnapshot, Int(koladaSnapshot) == nil { throw ValidationError("--kolada-snapshot kräver ett nummer") }
        if municipality != nil {
            guard planID == nil, version == nil, koladaSnapshot == nil else {
                throw ValidationError("--municipality ger kommunens rapport och går inte med plan-id, --version eller --kolada-snapshot")
            }
            guard report != nil, year != nil else { throw ValidationError("--municipality kräver --report och --year") }
            guard DocumentFormat(rawValue: format) != nil, format != "json" else {
                throw ValidationError("kommunens rapport är ett dokument: ange --format docx, pdf, html, xlsx eller csv")
            }
            return
        }
        guard planID != nil else { throw ValidationError("export kräver ett plan-id (se tertial plans)") }
        if format == "json" {
            guard report == nil, year == nil else { throw ValidationError("--report och --year gäller dokument, inte json (ange --format)") }
            if koladaSnapshot != nil { throw ValidationError("--kolada-snapshot gäller en rapport (--report)") }
            return
        }
        guard DocumentFormat(rawValue: format) != nil else {
            throw ValidationError("okänt format \"\(format)\" (json, docx, pdf, html, xlsx eller csv)")
        }
        if koladaSnapshot != nil, report == nil { throw ValidationError("--kolada-snapshot gäller en rapport (--report)") }
        if report != nil, version != nil { throw ValidationError("en rapport byggs av den aktuella planen; --version går inte med --report") }
        if (report == nil) != (year == nil) { throw ValidationError("--report och --year anges tillsammans") }
    }
}

struct ImportCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Importerar planfiler i utbytesformatet; allt eller inget.",
        discussion: "Har någon fil ett fel skrivs varje fel som FIL: JSON-SÖKVÄG: fel, och databasen lämnas orörd.")
    @Argument(help: ArgumentHelp("Planfilerna (JSON).", valueName: "fil"))
    var files: [String] = []
    @OptionGroup var database: DatabaseOption

    func validate() throws {
        if files.isEmpty { throw ValidationError("import kräver minst en fil") }
    }
}

struct NextYearCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "next-year",
        abstract: "Skapar nästa års plan (ett utkast) från en plan; den gamla planen ändras inte.",
        discussion: "Målen fortsätter med nya id, indikatorerna med sin historik och målvärdena för de år som den nya planen omfattar; aktiviteter som inte är klara och öppna uppdrag följer med.")
    @Argument(help: ArgumentHelp("Planens id.", valueName: "plan-id"))
    var planID: String
    @OptionGroup var database: DatabaseOption
}

struct LedgerCommand: ToolCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Läser utfall från ett huvudboksutdrag in i planens månadsuppföljning; allt eller inget.",
        discussion: "Filen är .xlsx eller .csv med kolumnerna Verksamhet, År och en kolumn per månad.")
    @Argument(help: ArgumentHelp("Planens id.", valueName: "plan-id"))
    var planID: String?
    @Argument(help: ArgumentHelp("Huvudboksutdraget (.xlsx eller .csv).", valueName: "fil"))
    var file: String?
    @Option(help: ArgumentHelp("Driftbudgeten att läsa in i (när planen har flera).", valueName: "id"))
    var budget: String?
    @Option(help: ArgumentHelp("Filens enhet: kr (standard), tkr eller mnkr.", valueName: "enhet"))
    var unit = "kr"
    @OptionGroup var database: DatabaseOption

    var moneyUnit: MoneyUnit { MoneyUnit(rawValue: unit) ?? .kr }

    func validate() throws {
        guard MoneyUnit(rawValue: unit) != nil else { throw ValidationError("--unit ska vara kr, tkr eller mnkr") }
        guard planID != nil, file != nil else { throw ValidationError("ledger kräver PLAN_ID och en fil") }
    }
}

struct KoladaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kolada",
        abstract: "Hämtar eller läser in värden från Kolada.",
        subcommands: [Sync.self, ImportFile.self])

    struct Sync: ToolCommand {
        static let configuration = CommandConfiguration(
            commandName: "sync",
            abstract: "Hämtar värden från Kolada (KOLADA_BASE_URL, standard https://api.kolada.se/v3); varje körning är en ögonblicksbild.",
            discussion: """
            Nyckeltal: standard är de som indikatorerna är kopplade till. Kommuner: standard är varje kommuns egen \
            Kolada-kod och dess jämförelser. Flaggorna kan upprepas eller ta kommaseparerade värden. Källa: Kolada.
            """)
        @Option(help: ArgumentHelp("Nyckeltalens id, t.ex. N15033.", valueName: "id"))
        var kpi: [String] = []
        @Option(help: ArgumentHelp("Kommunkoder med fyra siffror, t.ex. 0580.", valueName: "kod"))
        var municipality: [String] = []
        @Option(help: ArgumentHelp("Kommungrupper i Kolada (deras medlemmar hämtas).", valueName: "id"))
        var group: [String] = []
        @Option(help: ArgumentHelp("År att hämta.", valueName: "åååå"))
        var year: [String] = []
        @Option(help: ArgumentHelp("Bara ändringar sedan dagen.", valueName: "åååå-mm-dd"))
        var since: String?
        @OptionGroup var database: DatabaseOption

        static func split(_ values: [String]) -> [String] { values.flatMap { $0.split(separator: ",").map(String.init) } }
        var kpis: [String] { Self.split(kpi) }
        var municipalities: [String] { Self.split(municipality) }
        var groups: [String] { Self.split(group) }
        var years: [Int] { Self.split(year).compactMap { Int($0) } }

        func validate() throws {
            for text in Self.split(year) where !(Int(text).map { (1990...2100).contains($0) } ?? false) {
                throw ValidationError("--year \(text) är inget år")
            }
            if let since, !(since.count == 10 && since.split(separator: "-").count == 3) {
                throw ValidationError("--since ska vara ett datum ÅÅÅÅ-MM-DD")
            }
            for code in municipalities where !(code.count == 4 && code.allSatisfy(\.isNumber)) {
                throw ValidationError("kommunkoden \"\(code)\" ska vara fyra siffror med inledande nolla (0580)")
            }
        }
    }

    struct ImportFile: ToolCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Läser Kolada-värden från en fil med en JSON-rad per datarad (API:ets form), utan nätverk; allt eller inget.")
        @Argument(help: ArgumentHelp("Filen med JSON-rader.", valueName: "fil"))
        var file: String?
        @OptionGroup var database: DatabaseOption

        func validate() throws {
            if file == nil { throw ValidationError("kolada import kräver en fil (JSON-rader)") }
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Syntetiska demoplaner.",
        subcommands: [Generate.self])

    struct Generate: ToolCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate",
            abstract: "Skapar en syntetisk storstad i databasen (allt eller inget) eller som planfiler i en katalog.",
            discussion: """
            large: 40 nämnder, 1 000 enheter, 25 000 indikatorer, 1,5 miljoner värden; medium: en tiondel. \
            Samma storlek och frö ger samma planer.
            """)
        @Option(help: ArgumentHelp("large, medium (standard) eller small.", valueName: "storlek"))
        var size = "medium"
        @Option(help: ArgumentHelp("Fröet, ett heltal ≥ 0 (standard 1).", valueName: "n"))
        var seed = "1"
        @Option(help: ArgumentHelp("Skriv planfilerna till katalogen i stället för databasen.", valueName: "katalog"))
        var out: String?
        @OptionGroup var database: DatabaseOption

        var municipalitySize: SyntheticMunicipality.Size { SyntheticMunicipality.Size(rawValue: size) ?? .medium }
        var seedNumber: UInt64 { UInt64(seed) ?? 1 }

        func validate() throws {
            guard SyntheticMunicipality.Size(rawValue: size) != nil else {
                throw ValidationError("--size är large, medium eller small, inte \"\(size)\"")
            }
            guard UInt64(seed) != nil else { throw ValidationError("--seed är ett heltal ≥ 0, inte \"\(seed)\"") }
        }
    }
}

struct MigrateCommand: ToolCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Kör databasmigreringar (det gör också varje annat kommando).")
    @OptionGroup var database: DatabaseOption
}

struct RemindersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reminders",
        abstract: "Påminnelser om sista dagar för rapportering.",
        subcommands: [Run.self])

    struct Run: ToolCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "Skickar dagens påminnelser en gång (servern gör det själv var 15:e minut); ett brev som redan skickats skickas inte igen.",
            discussion: "E-post går via TERTIAL_SMTP_HOST m.fl. (se README); utan SMTP sparas påminnelserna för att visas i Tertial.")
        @Option(help: ArgumentHelp("Kör som om det vore denna dag (ÅÅÅÅ-MM-DD), t.ex. för att ta igen en missad dag.", valueName: "dag"))
        var day: String?
        @OptionGroup var database: DatabaseOption

        func validate() throws {
            if let day, Day(day) == nil { throw ValidationError("--day ska vara ett datum ÅÅÅÅ-MM-DD, inte \"\(day.prefix(20))\"") }
        }
    }
}

struct APITokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-token",
        abstract: "API-nycklar för integrationer.",
        subcommands: [Create.self])

    struct Create: ToolCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Skapar en API-nyckel och skriver den på standard ut (den visas bara den här gången).")
        @Option(help: ArgumentHelp("Integrationens namn (ändringar loggas under det).", valueName: "namn"))
        var name: String?
        @Option(help: ArgumentHelp("Behörigheter, åtskilda med mellanslag: read, write:values, write:activities.", valueName: "behörigheter"))
        var scopes = "read"
        @Option(name: .customLong("unit"), help: ArgumentHelp("En enhet nyckeln får röra (och enheterna under den); upprepa för fler. Utan: alla enheter.", valueName: "enhet"))
        var units: [String] = []
        @Option(help: ArgumentHelp("Sista giltighetsdag (2027-12-31); utan: tills den återkallas.", valueName: "datum"))
        var expires: String?
        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard name != nil else { throw ValidationError("api-token create kräver --name") }
            if let expires, Day(expires) == nil { throw ValidationError("--expires: skriv ett datum som 2027-12-31") }
        }
    }
}

struct AdminCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Administratörskonton.",
        subcommands: [Create.self])

    struct Create: ToolCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Skapar ett administratörskonto; lösenordet (minst 12 tecken) läses från standard in.")
        @Option(help: ArgumentHelp("Användarnamnet.", valueName: "namn"))
        var username: String?
        @Option(help: ArgumentHelp("Namnet som visas.", valueName: "namn"))
        var displayName = ""
        @Flag(help: "Läs lösenordet från standard in (det skrivs aldrig på kommandoraden).")
        var passwordStdin = false
        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard username != nil else { throw ValidationError("admin create kräver --username") }
            guard passwordStdin else { throw ValidationError("admin create kräver --password-stdin (lösenord skrivs aldrig på kommandoraden)") }
        }
    }
}
