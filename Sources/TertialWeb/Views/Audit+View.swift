import Plot
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `AuditController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension AuditController {
    /// The audit trail with its filters and a link to the same records as CSV.
    static func page(_ req: Request, records: [AuditRecordModel], raw: [String: String], csvURL: URLComponents) -> PageShell {
        PageShell(title: "Granskning", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Granskning", url: nil)],
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
        ))
    }
}
