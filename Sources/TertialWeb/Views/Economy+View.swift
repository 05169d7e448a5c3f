import Foundation
import NIOFoundationEssentialsCompat
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `EconomyController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension EconomyController {
    static func budgetSection(_ budget: OperatingBudget, index: Int, budgetYear: Int, edit: SiteURL?, anchor: String) -> Node<HTML.BodyContext> {
        let checks: [String] = budget.columns.compactMap { column in
            guard let deviation = budget.frameDeviation(column) else { return nil }
            if deviation == 0 { return "\(column.printedHeading): nettokostnaden är lika med ramen (\(SwedishNumber.format(budget.frame[column]!, decimals: budget.layout.style.decimals)) \(budget.unit.label))." }
            return "\(column.printedHeading): nettokostnaden \(deviation > 0 ? "understiger" : "överskrider") ramen med \(SwedishNumber.format(abs(deviation), decimals: budget.layout.style.decimals)) \(budget.unit.label)."
        }
        let problems = budget.problems().filter { if case .outsideFrame = $0 { false } else { true } }.map { $0.text(decimals: budget.layout.style.decimals) }
        return .section(.id(anchor.attributeEscaped),
            .h2(.text("\(budget.layout.title), \(budget.unit.label)")),
            .unwrap(edit) { url in .p(.a(.class("button"), .href(url.path.attributeEscaped), .text("Ändra budgeten"))) },
            .p(.class("hint"), .text("Summorna räknas fram ur raderna och skrivs aldrig in. \(budget.sign == .costsNegative ? "Kostnader skrivs som negativa tal." : "Nettokostnader skrivs som positiva tal.")")),
            fragment(.table(EconomyTables.operatingBudget(budget, name: budget.layout.title)), label: budget.layout.title),
            .if(!checks.isEmpty, .ul(.class("checks"), .forEach(checks) { .li(.text($0)) })),
            problemList(problems),
            .unwrap(EconomyTables.chart(budget, throughYear: budgetYear, id: "budget-\(index)")) { chart in
                .element(named: "figure", nodes: [.class("chart-box"), .raw(chart.svg), .element(named: "figcaption", text: chart.title)])
            })
    }

    static func problemList(_ problems: [String]) -> Node<HTML.BodyContext> {
        .if(!problems.isEmpty, .div(.class("warning"), .attribute(named: "role", value: "note"),
            .p(.strong("Att kontrollera: "), .text("summor eller ramar som inte stämmer med raderna.")),
            .ul(.forEach(problems) { .li(.text($0)) })))
    }

    /// A table or chart from the documents, in a labelled region that scrolls on a phone.
    static func fragment(_ block: Block, label: String) -> Node<HTML.BodyContext> {
        scrollableTable(label: label, .raw(HTMLRenderer.fragment(block)))
    }

    static func lineFieldset(_ line: BudgetLine, budget: Decimal?, entry: Economy.FollowUpEntry?, history: [Economies.Entry], typed: Typed?,
                             shown formShown: [String: String]?, error: String?,
                             economy: Economy, sign: SignConvention, style: AmountStyle, unit: MoneyUnit, year: Int, month: Int) -> Node<HTML.FormContext> {
        let id = line.id
        func shown(_ value: Decimal) -> String { SwedishNumber.format(value, decimals: max(style.decimals, decimals(of: value))) }
        let stored = (outcome: entry?.outcomeToDate.map(shown) ?? "", forecast: entry?.forecast.map(shown) ?? "", comment: entry?.comment ?? "")
        let outcome = typed?.outcome ?? stored.outcome
        let forecast = typed?.forecast ?? stored.forecast
        let comment = typed?.comment ?? stored.comment
        // What the page showed: what is stored, or (after a validation error) what the person's page showed.
        func was(_ name: String, _ value: String) -> String { formShown?[WholePageForm.prefix + name] ?? value }
        var deviationText = "–"
        var needsComment = false
        if let budget, let f = SwedishNumber.parse(forecast) {
            let followUp = MonthlyFollowUp(lineID: id, year: year, month: month, annualBudget: budget, outcomeToDate: SwedishNumber.parse(outcome) ?? 0, forecast: f)
            let deviation = followUp.deviation(sign: sign)
            needsComment = economy.threshold.requiresComment(followUp, sign: sign)
            deviationText = "\(style.format(deviation)) \(unit.label)" + (deviation < 0 ? " (befarat underskott)" : deviation > 0 ? " (befarat överskott)" : "")
        }
        return .fieldset(.id("r-\(id)".attributeEscaped), .class(error == nil ? "follow-up" : "follow-up has-error"),
            .element(named: "legend", text: line.name),
            .unwrap(error) { .p(.class("error"), .text($0)) },
            .p(.text("Budget \(year): \(budget.map { "\(style.format($0)) \(unit.label)" } ?? "ingen budget för året") · Avvikelse: \(deviationText)"),
               .if(needsComment, .strong(.text(" · Avvikelsen är större än gränsen: beskriv åtgärderna.")))),
            .input(.type(.hidden), .name("v.\(id)".attributeEscaped), .value((formShown?["v.\(id)"] ?? String(history.last?.version ?? 0)).attributeEscaped)),
            WholePageForm.shown("u.\(id)", was("u.\(id)", stored.outcome)),
            WholePageForm.shown("p.\(id)", was("p.\(id)", stored.forecast)),
            WholePageForm.shown("k.\(id)", was("k.\(id)", stored.comment)),
            .div(.class("field-row"),
                 Forms.field("u.\(id)", label: "Utfall hittills (\(unit.label))", value: outcome),
                 Forms.field("p.\(id)", label: "Helårsprognos (\(unit.label))", value: forecast)),
            EditController.textarea("k.\(id)", "Åtgärder och kommentar (krävs vid avvikelse över gränsen)", comment, nil),
            .if(!history.isEmpty, .element(named: "details", nodes: [.class("history"),
                .element(named: "summary", text: "Historik (\(history.count))"),
                .ul(.forEach(history) { e in
                    .li(.text("\(SwedishDate.dateTime(e.recordedAt)) \(e.recordedBy)\(e.source.hasPrefix("huvudbok:") ? " (\(e.source.dropFirst(9)))" : ""): "
                              + "utfall \(e.outcomeToDate.map { SwedishNumber.formatNatural($0) } ?? "–"), prognos \(e.forecast.map { SwedishNumber.formatNatural($0) } ?? "–")"
                              + (e.comment.map { " · \($0)" } ?? "")))
                })])))
    }

    /// *Ekonomi*: the operating budgets with their checks and charts, frame transfers, investments and volumes.
    static func economyPage(_ req: Request, _ document: Plan, reportValues: Bool, editPlan: Bool, savedBudget: String?) -> PageShell {
        let plan = document
        let economy = document.economy
        return PageShell(title: "Ekonomi – \(plan.title)", breadcrumbs: EditController.crumbs(plan, "Ekonomi"), context: req.pageContext, content: .div(
            .h1(.text("Ekonomi – \(plan.title)")),
            .unwrap(economy, { economy in
                .group(
                    .div(.class("actions"),
                         .if(reportValues && !economy.operatingBudgets.isEmpty, .a(.class("button"), .href(SiteURL.planEconomyFollowUp(id: plan.id).path), .text("Månadsuppföljning"))),
                         .a(.href(SiteURL.planEconomySheet(id: plan.id).path), .text("Ladda ner tabellerna som Excel"))),
                    .unwrap(savedBudget) { _ in .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Budgeten är sparad. Summorna är framräknade på nytt.")) },
                    // The summary as the plan states it, with what the budget tables say otherwise.
                    .forEach(economy.summaries) { summary in
                        .section(.h2(.text(summary.heading)),
                                 fragment(.table(EconomyTables.summary(summary)), label: summary.heading),
                                 problemList(economy.differences(summary).map(\.description)))
                    },
                    .forEach(Array(economy.operatingBudgets.enumerated())) { index, item in
                        budgetSection(item.budget, index: index, budgetYear: plan.budgetYear,
                                      edit: editPlan ? SiteURL.planEconomyBudget(id: plan.id, budgetID: item.id) : nil, anchor: "budget-\(item.id)")
                    },
                    .if(!frameTransfers(economy, plan).isEmpty, .section(.h2("Ramöverföringar"),
                        fragment(.table(EconomyTables.frameTransfers(frameTransfers(economy, plan), unitNames: unitNames(document))), label: "Ramöverföringar"))),
                    .forEach(economy.investmentBudgets) { item in
                        .section(.h2(.text("\(item.budget.layout.title), \(item.budget.unit.label)")),
                                 fragment(.table(EconomyTables.investments(item.budget, name: item.budget.layout.title)), label: item.budget.layout.title),
                                 problemList(item.budget.problems()))
                    },
                    .forEach(economy.volumeTables) { table in
                        .section(.h2(.text(table.title)),
                                 fragment(.table(EconomyTables.volumes(table)), label: table.title),
                                 .forEach(table.notes) { .p(.text($0)) },
                                 .forEach(table.footnotes) { .p(.class("footnote"), .text("\($0.marker) \($0.text)")) })
                    })
            }, else: .p("Planen har ingen ekonomi i Tertial ännu. Ekonomin förs in med en planfil i utbytesformatet, version 2 (se README)."))
        ))
    }

    static func noOperatingBudgetPage(_ req: Request, _ document: Plan) -> PageShell {
        PageShell(title: "Månadsuppföljning", breadcrumbs: EditController.crumbs(document, "Månadsuppföljning"), context: req.pageContext, content: .div(
            .h1("Månadsuppföljning"), .p("Planen har ingen driftbudget att följa upp."),
            .p(.a(.href(SiteURL.planEconomy(id: document.id).path), .text("Till planens ekonomi")))))
    }

    /// *Månadsuppföljning*: each line's outcome to date, forecast and comment, the overview and its chart, the ledger upload.
    static func followUpView(_ req: Request, _ document: Plan, _ economy: Economy, budgetID: String, year: Int, month: Int,
                             typed: [String: Typed], shown: [String: String]?, errors: [String: String], saved: Int?,
                             history: [String: [Economies.Entry]], mayPlan: Bool) -> PageShell {
        let plan = document
        let budget = economy.budget(budgetID)!
        let style = budget.layout.style
        let monthName = "\(SwedishMonth.name(month)) \(year)"
        let rows = economy.monthlyFollowUp(budgetID: budgetID, year: year, month: month)
        let overview = economy.overview(budgetID: budgetID, year: year)
        let chart = overview.count >= 1 ? LineChartSVG.svg(
            title: "\(budget.layout.title) \(year): helårsprognos och utfall hittills mot budget, \(budget.unit.label)",
            categories: overview.map { SwedishMonth.short[$0.month - 1] },
            series: [Chart.Series(name: "Budget", values: overview.map { $0.budget }, dashed: true),
                     Chart.Series(name: "Helårsprognos", values: overview.map(\.forecast), dashed: false),
                     Chart.Series(name: "Utfall hittills", values: overview.map(\.outcomeToDate), dashed: false)], id: "manader") : nil
        return PageShell(title: "Månadsuppföljning \(monthName)", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                                         Breadcrumb(title: "Ekonomi", url: .planEconomy(id: plan.id)), Breadcrumb(title: "Månadsuppföljning", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Månadsuppföljning \(monthName) – \(budget.layout.title)")),
            .unwrap(saved) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0 == 1 ? "1 rad sparad." : "\($0) rader sparade.")) },
            Forms.errorSummary(errors.sorted { $0.key < $1.key }.map(\.value)),
            .form(.method(.get), .action(SiteURL.planEconomyFollowUp(id: plan.id).path), .class("inline-form"),
                  .if(economy.operatingBudgets.count > 1, Forms.select("budget", label: "Driftbudget", choices: economy.operatingBudgets.map { ($0.id, $0.budget.layout.title) }, chosen: budgetID),
                      else: .input(.type(.hidden), .name("budget"), .value(budgetID.attributeEscaped))),
                  Forms.select("ar", label: "År", choices: followUpYears(economy, budgetID: budgetID).map { (String($0), String($0)) }, chosen: String(year)),
                  Forms.select("manad", label: "Månad", choices: (1...12).map { (String($0), SwedishMonth.name($0).capitalized) }, chosen: String(month)),
                  .button(.type(.submit), .text("Visa"))),
            .p(.class("hint"), .text("Belopp i \(budget.unit.label)\(budget.sign == .costsNegative ? ", kostnader som negativa tal" : ", nettokostnader som positiva tal"). "
                                     + "Avvikelse = budget minus prognos; negativ avvikelse är ett befarat underskott. En avvikelse större än "
                                     + "\(Economies.describe(economy.threshold, unit: budget.unit)) måste förklaras med de åtgärder som vidtas. "
                                     + "I översikten räknas en rad utan prognos med prognos lika med budget.")),
            .form(.method(.post), .action(SiteURL.planEconomyFollowUp(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("budget"), .value(budgetID.attributeEscaped)),
                .input(.type(.hidden), .name("ar"), .value(String(year))),
                .input(.type(.hidden), .name("manad"), .value(String(month))),
                .forEach(rows) { row in
                    lineFieldset(row.line, budget: row.budget, entry: row.entry, history: history[row.line.id] ?? [], typed: typed[row.line.id], shown: shown,
                                 error: errors[row.line.id], economy: economy, sign: budget.sign, style: style, unit: budget.unit, year: year, month: month)
                },
                .button(.type(.submit), .class("primary"), .text("Spara uppföljningen"))),
            .section(.h2(.text("Nämndens översikt per månad \(year)")),
                .if(overview.isEmpty, .p("Ingen uppföljning är gjord för året ännu.")),
                .unwrap(chart) { svg in .div(.class("chart-box"), .raw(svg)) },
                .if(!overview.isEmpty, fragment(.table(EconomyTables.followUpOverview(economy, budgetID: budgetID, year: year)), label: "Uppföljning per månad"))),
            .section(.h2("Utfall från huvudboken"),
                .p(.text("Läs in utfall från ett huvudboksutdrag (.xlsx eller .csv): en rad per verksamhet (eller per konto inom en verksamhet), kolumnerna "
                         + "Verksamhet, År och en kolumn per månad (Jan … Dec) med månadens utfall. Utfall hittills räknas fram för varje månad; "
                         + "prognoser och kommentarer som redan finns behålls. Är någon rad fel läses ingenting in, och felet anges med rad och kolumn.")),
                .form(.method(.post), .action(SiteURL.planEconomyLedger(id: plan.id).path), .attribute(named: "enctype", value: "multipart/form-data"),
                    Forms.csrf(req.pageContext),
                    .input(.type(.hidden), .name("budget"), .value(budgetID.attributeEscaped)),
                    .div(.class("field"), .label(.for("f-fil"), .text("Fil")),
                         .input(.type(.file), .id("f-fil"), .name("fil"), .required(true), .attribute(named: "accept", value: ".xlsx,.csv,.txt"))),
                    Forms.select("enhet", label: "Filens belopp är i", choices: MoneyUnit.allCases.map { ($0.rawValue, $0.label) }, chosen: MoneyUnit.kr.rawValue),
                    .button(.type(.submit), .text("Läs in utfall")))),
            .if(mayPlan, .section(.h2("Avvikelsegräns"),
                .p(.text("En avvikelse som är större än beloppet eller andelen (den som nås först) måste förklaras. Lämna ett fält tomt för att bara använda det andra.")),
                .form(.method(.post), .action(SiteURL.planEconomyThreshold(id: plan.id).path),
                    Forms.csrf(req.pageContext),
                    .input(.type(.hidden), .name("budget"), .value(budgetID.attributeEscaped)),
                    .div(.class("field-row"),
                         Forms.field("belopp", label: "Belopp (\(budget.unit.label))", value: economy.threshold.amount.map { SwedishNumber.formatNatural($0) } ?? ""),
                         Forms.field("andel", label: "Andel av radens budget (%)", value: economy.threshold.share.map { SwedishNumber.formatNatural($0 * 100) } ?? "")),
                    .button(.type(.submit), .text("Spara gränsen")))))
        ))
    }

    static func ledgerPage(_ req: Request, planID: String, budgetID: String?, title: String, status: HTTPResponseStatus, lines: [String]) -> PageShell {
        PageShell(title: title, breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Ekonomi", url: .planEconomy(id: planID)),
                                              Breadcrumb(title: title, url: nil)], context: req.pageContext, content: .div(
            .h1(.text(title)),
            .div(.class(status == .ok ? "notice" : "error-summary"), .attribute(named: "role", value: status == .ok ? "status" : "alert"),
                 .ul(.forEach(lines) { .li(.text($0)) })),
            .p(.a(.href((SiteURL.planEconomyFollowUp(id: planID).path + (budgetID.map { "?budget=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "")).attributeEscaped),
                  .text("Till månadsuppföljningen")))
        ))
    }
}
