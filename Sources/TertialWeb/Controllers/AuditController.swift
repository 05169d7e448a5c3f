import TertialDocuments
import Plot
import TertialStore
import Vapor

/// The audit trail for administrators and auditors: filter, read, download as CSV.
enum AuditController {
    static func filter(_ req: Request) -> (AuditLog.Filter, [String: String]) {
        let raw = ["anvandare", "atgard", "typ", "plan", "fran", "till"].reduce(into: [String: String]()) { result, key in
            if let value = req.query[String.self, at: key], !value.isEmpty { result[key] = value }
        }
        func day(_ text: String?) -> Date? {
            guard let text else { return nil }
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "Europe/Stockholm")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.date(from: text)
        }
        let filter = AuditLog.Filter(actor: raw["anvandare"], action: raw["atgard"].flatMap(AuditLog.Action.init(rawValue:)), entityType: raw["typ"],
                                     planID: raw["plan"], from: day(raw["fran"]), to: day(raw["till"]).map { $0.addingTimeInterval(86_400) })
        return (filter, raw)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let (filter, raw) = filter(req)
        let records = try await AuditLog.records(filter, limit: 500, on: req.store)
        var csvURL = URLComponents()
        csvURL.path = SiteURL.auditCSV.path
        csvURL.queryItems = raw.keys.sorted().map { URLQueryItem(name: $0, value: raw[$0]) }
        return PageShell(title: "Granskning", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Granskning", url: nil)],
                         context: req.pageContext, content: .div(
            .h1("Granskningslogg"),
            .p(.text("Varje ändring, inloggning, import och export av icke-offentliga uppgifter. Loggen kan inte ändras eller raderas.")),
            .form(.method(.get), .action(SiteURL.audit.path), .class("filters"),
                Forms.field("anvandare", label: "Användare", value: raw["anvandare"] ?? ""),
                Forms.select("atgard", label: "Åtgärd", choices: [("", "Alla")] + AuditLog.Action.allCases.map { ($0.rawValue, $0.label) }, chosen: raw["atgard"] ?? ""),
                Forms.field("typ", label: "Typ", value: raw["typ"] ?? "", hint: "till exempel indikator, plan, konto"),
                Forms.field("plan", label: "Plan-id", value: raw["plan"] ?? ""),
                Forms.field("fran", label: "Från och med", value: raw["fran"] ?? "", hint: "ÅÅÅÅ-MM-DD"),
                Forms.field("till", label: "Till och med", value: raw["till"] ?? "", hint: "ÅÅÅÅ-MM-DD"),
                .button(.type(.submit), .text("Filtrera"))),
            .p(.a(.href((csvURL.string ?? SiteURL.auditCSV.path).attributeEscaped), .text("Ladda ner som CSV"))),
            scrollableTable(label: "Granskningslogg", .table(
                .caption(.text("\(records.count) händelser (högst 500 visas, nyast först)")),
                .thead(.tr(.forEach(["Tid", "Användare", "Åtgärd", "Vad", "Fält", "Före", "Efter", "Adress"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.forEach(records) { r in
                    .tr(.td(.text(SwedishDate.dateTime(r.at))), .td(.text(r.actor)), .td(.text(AuditLog.Action(rawValue: r.action)?.label ?? r.action)),
                        .td(.text("\(r.entityType) \(r.entityID)")), .td(.text(r.field ?? "")),
                        .td(.class("diff-old"), .text(r.oldValue ?? "")), .td(.class("diff-new"), .text(r.newValue ?? "")), .td(.text(r.address ?? "")))
                })))
        )).response()
    }

    @Sendable static func csv(_ req: Request) async throws -> Response {
        let (filter, _) = filter(req)
        let records = try await AuditLog.records(filter, limit: 1_000_000, on: req.store)
        return Response(status: .ok, headers: ["Content-Type": "text/csv; charset=utf-8",
                                               "Content-Disposition": "attachment; filename=\"granskningslogg.csv\""],
                        body: .init(string: AuditLog.csv(records)))
    }
}
