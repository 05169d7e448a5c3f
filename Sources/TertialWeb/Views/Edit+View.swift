import Plot
import TertialCore
import TertialDocuments
import TertialKolada
import TertialStore
import Vapor

/// The pages of `EditController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension EditController {
    static func goalPage(_ req: Request, _ document: Plan, goal: Goal?, form: Form, errors: [String: String],
                         notice: String? = nil) -> PageShell {
        let plan = document
        let title = goal.map { "Ändra mål: \($0.title)" } ?? "Nytt mål"
        let action = goal.map { SiteURL.planGoal(id: plan.id, goalID: $0.id) } ?? .planNewGoal(id: plan.id)
        let parents = document.goals.filter { $0.id != goal?.id }
        return PageShell(title: title, breadcrumbs: crumbs(plan, title), context: req.pageContext, content: .div(
            .h1(.text(title)),
            adoptedNotice(plan),
            .unwrap(notice) { .p(.class("notice"), .attribute(named: "role", value: "note"), .text($0)) },
            Forms.errorSummary(errors.keys.sorted().compactMap { errors[$0] }),
            .form(.method(.post), .action(action.path),
                Forms.csrf(req.pageContext),
                Forms.field("title", label: "Mål", value: form["title"] ?? "", error: errors["title"], required: true),
                textarea("description", "Beskrivning", form["description"] ?? "", errors["description"]),
                Forms.field("code", label: "Nummer", value: form["code"] ?? "", error: errors["code"], hint: "Om planen numrerar målen, till exempel 1"),
                Forms.select("level", label: "Nivå", choices: GoalLevel.allCases.map { ($0.rawValue, $0.label) }, chosen: form["level"] ?? ""),
                Forms.select("goalAreaId", label: "Målområde", choices: [("", "Inget")] + document.goalAreas.map { ($0.id, "\($0.label ?? "Målområde"): \($0.name)") },
                             chosen: form["goalAreaId"] ?? ""),
                .fieldset(.element(named: "legend", text: "Bidrar till (överordnade mål)"),
                    .if(parents.isEmpty, .p("Planen har inga andra mål.")),
                    .forEach(parents) { other in AccountsController.checkbox("parent.\(other.id)", "\(document.municipality.goalLabel(other.level)): \(other.title)", form["parent.\(other.id)"] != nil) }),
                Forms.field("agenda2030", label: "Agenda 2030", value: form["agenda2030"] ?? "", error: errors["agenda2030"], hint: "Mål och delmål, till exempel 3, 10.2"),
                Forms.field("childRights", label: "Barnkonventionen", value: form["childRights"] ?? "", error: errors["childRights"], hint: "Artiklar, till exempel 2, 3, 12"),
                AccountsController.checkbox("qualitative", "Kvalitativt mål – följs upp med skriftlig redovisning i stället för indikatorer", form["qualitative"] != nil),
                .div(.class("actions"),
                    .button(.type(.submit), .class("primary"), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "save"), .text("Spara mål")),
                    .if(goal != nil, .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "delete"), .text("Ta bort målet"))))
            ),
            .unwrap(goal) { goal in
                .form(.method(.post), .action(SiteURL.planGoal(id: plan.id, goalID: goal.id).path), .class("actions"),
                      Forms.csrf(req.pageContext),
                      .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "up"), .text("Flytta målet uppåt")),
                      .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "down"), .text("Flytta målet nedåt")),
                      retireButton(goal.isActive, what: "målet"))
            },
            .unwrap(goal) { goal in
                .section(.h2("Indikatorer"),
                    .if(goal.indicators.isEmpty, .p("Målet har inga indikatorer.")),
                    .ul(.class("ordered-items"), .forEach(goal.indicators) { indicator in
                        .li(.a(.href(SiteURL.planIndicator(id: plan.id, indicatorID: indicator.id).path), .text(indicator.name)),
                            .if(!indicator.isActive, .span(.class("kind"), .text(" (avvecklad)"))),
                            .form(.method(.post), .action(SiteURL.planIndicator(id: plan.id, indicatorID: indicator.id).path), .class("inline-form"),
                                  Forms.csrf(req.pageContext),
                                  .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "up"),
                                          .attribute(named: "aria-label", value: "Flytta \(indicator.name) uppåt".attributeEscaped), .text("↑")),
                                  .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "down"),
                                          .attribute(named: "aria-label", value: "Flytta \(indicator.name) nedåt".attributeEscaped), .text("↓"))))
                    }),
                    .p(.a(.class("button"), .href(SiteURL.planNewIndicator(id: plan.id, goalID: goal.id).path), .text("Ny indikator"))))
            }
        ))
    }

    static func indicatorPage(_ req: Request, _ document: Plan, goal: Goal, indicator: Indicator?, form: Form, errors: [String: String],
                              history: [AuditRecordModel] = [], kolada: Node<HTML.BodyContext> = .empty) -> PageShell {
        let plan = document
        let title = indicator.map { "Ändra indikator: \($0.name)" } ?? "Ny indikator för \(goal.title)"
        let action = indicator.map { SiteURL.planIndicator(id: plan.id, indicatorID: $0.id) } ?? .planNewIndicator(id: plan.id, goalID: goal.id)
        let targetHint = "Som i planen: \(TargetParser.forms)."
        return PageShell(title: title, breadcrumbs: crumbs(plan, title), context: req.pageContext, content: .div(
            .h1(.text(title)),
            adoptedNotice(plan),
            Forms.errorSummary(errors.keys.sorted().compactMap { errors[$0] }),
            .form(.method(.post), .action(action.path),
                Forms.csrf(req.pageContext),
                Forms.field("name", label: "Indikator", value: form["name"] ?? "", error: errors["name"], required: true),
                textarea("description", "Beskrivning", form["description"] ?? "", errors["description"]),
                Forms.field("unit", label: "Enhet", value: form["unit"] ?? "", error: errors["unit"], hint: "%, dagar, antal, kr, kr/inv, index …"),
                Forms.field("decimals", label: "Decimaler", value: form["decimals"] ?? "0", error: errors["decimals"]),
                Forms.select("direction", label: "Vad är bättre?", choices: Direction.allCases.map { ($0.rawValue, $0.label) }, chosen: form["direction"] ?? ""),
                Forms.select("frequency", label: "Frekvens", choices: Frequency.allCases.map { ($0.rawValue, $0.label) }, chosen: form["frequency"] ?? ""),
                Forms.select("sourceKind", label: "Källa", choices: [("", "Ingen angiven")] + SourceKind.allCases.map { ($0.rawValue, $0.label) }, chosen: form["sourceKind"] ?? ""),
                Forms.field("sourceReference", label: "Källans id eller namn", value: form["sourceReference"] ?? "", error: errors["source"], hint: "Kolada-id (U33400), system (Treserva), enkät"),
                AccountsController.checkbox("genderBreakdown", "Redovisas per kön (kvinnor, män)", form["genderBreakdown"] != nil),
                Forms.field("baseline", label: "Nuläge", value: form["baseline"] ?? "", error: errors["baseline"], hint: "Som i planen, till exempel 5,6 % (2018)"),
                .fieldset(.element(named: "legend", text: "Målvärden"),
                    .p(.class("hint"), .text(targetHint)),
                    .forEach(targetYears(plan, indicator)) { year in
                        Forms.field("target-\(year)", label: "Mål \(year)", value: form["target-\(year)"] ?? "", error: errors["target-\(year)"])
                    }),
                textarea("note", "Not", form["note"] ?? "", errors["note"]),
                .div(.class("actions"),
                    .button(.type(.submit), .class("primary"), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "save"), .text("Spara indikator")),
                    .if(indicator != nil, .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "delete"), .text("Ta bort indikatorn"))))
            ),
            .unwrap(indicator) { indicator in
                .form(.method(.post), .action(SiteURL.planIndicator(id: plan.id, indicatorID: indicator.id).path), .class("actions"),
                      Forms.csrf(req.pageContext), retireButton(indicator.isActive, what: "indikatorn"))
            },
            kolada,
            .if(!history.isEmpty, .section(.h2("Ändringar"),
                scrollableTable(label: "Ändringar av indikatorn", .table(
                    .caption("Tidigare versioner av indikatorn och dess målvärden"),
                    .thead(.tr(.forEach(["När", "Vem", "Fält", "Före", "Efter"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                    .tbody(.forEach(history) { r in
                        .tr(.td(.text(SwedishDate.dateTime(r.at))), .td(.text(r.actor)), .td(.text(r.field ?? "")),
                            .td(.class("diff-old"), .text(r.oldValue ?? "")), .td(.class("diff-new"), .text(r.newValue ?? "")))
                    })))))
        ))
    }

    /// "Avveckla" for an active goal or indicator, "Återta" for a retired one, with what it means.
    static func retireButton(_ isActive: Bool, what: String) -> Node<HTML.FormContext> {
        .group(
            .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: isActive ? "retire" : "reinstate"),
                    .text(isActive ? "Avveckla \(what)" : "Återta \(what)")),
            .span(.class("hint"), .text(isActive ? "Följs inte längre upp; historiken finns kvar." : "Är avvecklad och följs inte upp.")))
    }

    static func textarea(_ name: String, _ label: String, _ value: String, _ error: String?) -> Node<HTML.FormContext> {
        .div(.class(error == nil ? "field" : "field has-error"),
             .label(.for("f-\(name)"), .text(label)),
             .unwrap(error) { .span(.class("error"), .text($0)) },
             .textarea(.id("f-\(name)"), .name(name), .rows(4), .text(value)))
    }

    /// The Kolada search on the indicator form: the query, the KPIs found (each a link that fills in the source).
    static func koladaSearchView(_ planID: String, _ indicator: Indicator, query: String, found: Result<[(id: String, title: String)], any Error>?) -> Node<HTML.BodyContext> {
        let path = SiteURL.planIndicator(id: planID, indicatorID: indicator.id).path
        let results: Node<HTML.BodyContext>
        switch found {
        case nil: results = .empty
        case .success(let kpis):
            results = kpis.isEmpty ? .p(.text("Inga nyckeltal i Kolada har \"\(query)\" i sitt namn."))
                : .ul(.class("link-list"), .forEach(kpis.prefix(50)) { kpi in
                    .li(.a(.href(path + "?kpi=" + (kpi.id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")), .text("\(kpi.id) \(kpi.title)")))
                })
        case .failure(let error):
            results = .p(.class("error"), .attribute(named: "role", value: "alert"), .text("Kolada kunde inte sökas: \(error)"))
        }
        return .section(.id("kolada"), .h2("Sök nyckeltal i Kolada"),
            .form(.method(.get), .action(path + "#kolada"), .class("inline-form"),
                Forms.field("kolada", label: "Nyckeltalets namn", value: query, hint: "Till exempel brukarbedömning hemtjänst"),
                .button(.type(.submit), .text("Sök"))),
            results,
            .if(indicator.source?.kind == .kolada && !(indicator.source?.reference ?? "").isEmpty,
                .p(.a(.href(SiteURL.planIndicatorComparison(id: planID, indicatorID: indicator.id).path), .text("Jämför med andra kommuner och riket")))),
            .p(.class("source"), "Källa: Kolada"))
    }
}
