import Foundation
import NIOFoundationEssentialsCompat
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The plan's economy: the budget tables as the plan prints them, with computed totals, the frame
/// check and every difference a transcribed source has; the monthly follow-up per budget line, where
/// a forecast beyond the deviation threshold cannot be saved without the measures taken; outcomes
/// from a ledger export; and the tables as Excel.
enum EconomyController {
    // MARK: The economy page

    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanController.readablePlan(req, facts)
        let reportValues = AccessPolicy.allows(req.principal, .reportValues(chain: facts.chain))
        let editPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
        let savedBudget = req.query[String.self, at: "sparat"]
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
        )).response()
    }

    static func frameTransfers(_ economy: Economy, _ plan: Plan) -> [FrameTransfer] {
        economy.frameTransfers.filter { $0.fromUnitID == plan.ownerUnitID || $0.toUnitID == plan.ownerUnitID }
    }

    static func unitNames(_ document: Plan) -> [String: String] {
        Dictionary(document.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }

    static func budgetSection(_ budget: OperatingBudget, index: Int, budgetYear: Int, edit: SiteURL?, anchor: String) -> Node<HTML.BodyContext> {
        let checks: [String] = budget.columns.compactMap { column in
            guard let deviation = budget.frameDeviation(column) else { return nil }
            if deviation == 0 { return "\(column.printedHeading): nettokostnaden är lika med ramen (\(SwedishNumber.format(budget.frame[column]!, decimals: budget.layout.style.decimals)) \(budget.unit.label))." }
            return "\(column.printedHeading): nettokostnaden \(deviation > 0 ? "understiger" : "överskrider") ramen med \(SwedishNumber.format(abs(deviation), decimals: budget.layout.style.decimals)) \(budget.unit.label)."
        }
        let problems = budget.problems().filter { if case .outsideFrame = $0 { false } else { true } }.map(\.description)
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

    // MARK: Excel

    @Sendable static func spreadsheet(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanController.readablePlan(req, facts)
        // Nothing to download: the economy page says why.
        guard let economy = document.economy else { return req.redirect(to: SiteURL.planEconomy(id: document.id).path, redirectType: .normal) }
        var tables = economy.operatingBudgets.map { EconomyTables.operatingBudget($0.budget, name: $0.budget.layout.title) }
        if let first = economy.operatingBudgets.first?.budget, !economy.investmentBudgets.isEmpty || first.sections[0].lines.contains(where: { $0.role == .ofWhichCosts }) {
            tables.insert(EconomyTables.summary(first, investments: economy.investmentBudgets.first?.budget, fromYear: document.budgetYear, heading: "Ekonomi, belopp \(first.unit.label)"), at: 0)
        }
        tables += economy.investmentBudgets.map { EconomyTables.investments($0.budget, name: $0.budget.layout.title) }
        tables += economy.volumeTables.map(EconomyTables.volumes)
        let transfers = frameTransfers(economy, document)
        if !transfers.isEmpty { tables.append(EconomyTables.frameTransfers(transfers, unitNames: unitNames(document))) }
        for item in economy.operatingBudgets {
            for year in Set(economy.followUps.filter { $0.budgetID == item.id }.map(\.year)).sorted() {
                tables.append(EconomyTables.followUpOverview(economy, budgetID: item.id, year: year))
            }
        }
        let owner = document.units.first { $0.id == document.ownerUnitID }?.name ?? ""
        let sheet = Document.tables(tables, title: "Ekonomi – \(document.title)", municipality: document.municipality.name, committee: owner,
                                    source: "Tertial, \(SwedishDate.dateTime(Date()))")
        return try await DocumentController.respond(req, facts, format: .xlsx) { sheet }
    }

    // MARK: Monthly follow-up

    struct Typed { var outcome: String; var forecast: String; var comment: String }

    @Sendable static func followUp(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        guard document.economy.map({ !$0.operatingBudgets.isEmpty }) == true else {
            return PageShell(title: "Månadsuppföljning", breadcrumbs: EditController.crumbs(document, "Månadsuppföljning"), context: req.pageContext, content: .div(
                .h1("Månadsuppföljning"), .p("Planen har ingen driftbudget att följa upp."),
                .p(.a(.href(SiteURL.planEconomy(id: document.id).path), .text("Till planens ekonomi"))))).response()
        }
        let (economy, budgetID, year, month) = try chosen(req, document, query: true)
        return try await followUpPage(req, document, economy, budgetID: budgetID, year: year, month: month, typed: [:], shown: nil, errors: [:],
                                      saved: req.query[Int.self, at: "sparat"]).response()
    }

    @Sendable static func saveFollowUp(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        let (economy, budgetID, year, month) = try chosen(req, document, query: false)
        let form = try req.content.decode([String: String].self)
        let budget = economy.budget(budgetID)!
        var typed: [String: Typed] = [:], errors: [String: String] = [:], inputs: [Economies.Input] = []
        for line in budget.followedUpLines {
            let t = Typed(outcome: (form["u.\(line.id)"] ?? "").trimmingCharacters(in: .whitespaces),
                          forecast: (form["p.\(line.id)"] ?? "").trimmingCharacters(in: .whitespaces),
                          comment: EditController.clean(form["k.\(line.id)"]) ?? "")
            typed[line.id] = t
            // Only the lines the person changed are written (see WholePageForm).
            guard WholePageForm.touched(form, lineFields(line.id)) else { continue }
            func amount(_ text: String, _ what: String) -> Decimal? {
                guard !text.isEmpty else { return nil }
                switch Amount.parseSwedish(text) {
                case .success(let value): return value
                case .failure(let why): errors[line.id] = "\(line.name), \(what): \"\(text.prefix(40))\" \(why)."; return nil
                }
            }
            let input = Economies.Input(lineID: line.id, outcomeToDate: amount(t.outcome, "utfall hittills"), forecast: amount(t.forecast, "helårsprognos"),
                                        comment: t.comment.isEmpty ? nil : t.comment, expectedVersion: form["v.\(line.id)"].map { Int($0) ?? 0 })
            inputs.append(input)
        }
        for (lineID, problem) in Economies.problems(inputs, economy: economy, budgetID: budgetID, year: year, month: month) where errors[lineID] == nil {
            errors[lineID] = problem
        }
        guard errors.isEmpty else {
            return try await followUpPage(req, document, economy, budgetID: budgetID, year: year, month: month, typed: typed, shown: form, errors: errors, saved: nil)
                .response(status: .unprocessableEntity)
        }
        let changed: Int
        do {
            changed = try await Economies.save(planID: document.id, budgetID: budgetID, year: year, month: month, inputs, by: req.actor, on: req.store)
        } catch let conflict as Economies.Conflict {
            let now = try await Economies.history(planID: document.id, budgetID: budgetID, year: year, month: month, on: req.store)
            for lineID in conflict.lineIDs {
                let latest = now[lineID]?.last
                errors[lineID] = "\(budget.followedUpLines.first { $0.id == lineID }?.name ?? lineID): \(latest?.recordedBy ?? "någon") sparade "
                    + "\(latest.map { SwedishDate.dateTime($0.recordedAt) } ?? "") efter att du öppnade sidan (se historiken). Inget sparades; dina siffror finns kvar. Spara igen för att behålla dem."
            }
            // Only this person's changed lines are kept; every other line shows what is stored now.
            typed = typed.filter { WholePageForm.touched(form, lineFields($0.key)) }
            return try await followUpPage(req, document, economy, budgetID: budgetID, year: year, month: month, typed: typed, shown: nil, errors: errors, saved: nil)
                .response(status: .conflict)
        } catch let invalid as Economies.Invalid {
            return try await followUpPage(req, document, economy, budgetID: budgetID, year: year, month: month, typed: typed, shown: form, errors: invalid.problems, saved: nil)
                .response(status: .unprocessableEntity)
        }
        return req.redirect(to: followUpPath(document.id, budgetID: budgetID, year: year, month: month) + "&sparat=\(changed)", redirectType: .normal)
    }

    /// A line's fields on the monthly page: outcome to date, forecast, comment.
    static func lineFields(_ lineID: String) -> [String] { ["u.\(lineID)", "p.\(lineID)", "k.\(lineID)"] }

    static func followUpPath(_ planID: String, budgetID: String, year: Int, month: Int) -> String {
        SiteURL.planEconomyFollowUp(id: planID).path + "?budget=\(budgetID.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")&ar=\(year)&manad=\(month)"
    }

    /// The budget, year and month asked for: from the query (a page) or the form (a save). Defaults:
    /// the first budget, the plan's budget year, the latest month with a follow-up (or January).
    static func chosen(_ req: Request, _ document: Plan, query: Bool) throws -> (Economy, String, Int, Int) {
        guard let economy = document.economy, let first = economy.operatingBudgets.first else {
            throw Abort(.unprocessableEntity, reason: "Planen har ingen driftbudget att följa upp.")
        }
        func value(_ key: String) -> String? { query ? req.query[String.self, at: key] : (try? req.content.get(String.self, at: key)) }
        let budgetID = value("budget") ?? first.id
        guard economy.budget(budgetID) != nil else { throw Abort(.unprocessableEntity, reason: "Planen har ingen driftbudget \"\(budgetID.prefix(60))\".") }
        let years = followUpYears(economy, budgetID: budgetID)
        let latest = economy.followUps.filter { $0.budgetID == budgetID }.max { ($0.year, $0.month) < ($1.year, $1.month) }
        let year = value("ar").flatMap(Int.init) ?? latest?.year ?? document.budgetYear
        guard years.contains(year) else { throw Abort(.unprocessableEntity, reason: "Budgeten har ingen kolumn för \(year); välj ett av åren \(years.map(String.init).joined(separator: ", ")).") }
        let month = value("manad").flatMap(Int.init) ?? (latest?.year == year ? latest!.month : 1)
        guard (1...12).contains(month) else { throw Abort(.unprocessableEntity, reason: "Månaden ska vara 1–12.") }
        return (economy, budgetID, year, month)
    }

    /// The years a budget has a budget column for.
    static func followUpYears(_ economy: Economy, budgetID: String) -> [Int] {
        guard let budget = economy.budget(budgetID) else { return [] }
        return Set(budget.columns.map(\.year)).sorted().filter { budget.budgetColumn(year: $0) != nil }
    }

    static func followUpPage(_ req: Request, _ document: Plan, _ economy: Economy, budgetID: String, year: Int, month: Int,
                             typed: [String: Typed], shown: [String: String]?, errors: [String: String], saved: Int?) async throws -> PageShell {
        let plan = document
        let budget = economy.budget(budgetID)!
        let history = try await Economies.history(planID: plan.id, budgetID: budgetID, year: year, month: month, on: req.store)
        let facts = try await PlanFacts.load(req)
        let mayPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
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

    /// The decimals a value was entered with (at most 4).
    static func decimals(of value: Decimal) -> Int {
        (0...4).first { d in
            var rounded = Decimal(), input = value
            NSDecimalRound(&rounded, &input, d, .plain)
            return rounded == value
        } ?? 4
    }

    // MARK: Ledger upload and threshold

    struct LedgerUpload: Content {
        var fil: File
        var enhet: String?
        var budget: String?
    }

    @Sendable static func ledger(_ req: Request) async throws -> Response {
        let planID = try await PlanFacts.load(req).plan.id!
        let upload: LedgerUpload
        do { upload = try req.content.decode(LedgerUpload.self) } catch {
            throw Abort(.badRequest, reason: "Välj en fil att läsa in (.xlsx eller .csv).")
        }
        let unit = upload.enhet.flatMap(MoneyUnit.init(rawValue:)) ?? .kr
        let name = upload.fil.filename.isEmpty ? "huvudbok" : upload.fil.filename
        do {
            // Reading a large file takes seconds of CPU: on the work pool, not on an event loop, the
            // cooperative pool that every other request's handler runs on, or SQLite's threads.
            let data = Data(buffer: upload.fil.data)
            let rows = try await req.offload { try LedgerFile.rows(data, fileName: name) }
            let summary = try await LedgerImport.apply(planID: planID, budgetID: upload.budget, fileName: name, rows: rows,
                                                       fileUnit: unit, by: req.actor, on: req.store)
            return ledgerPage(req, planID: planID, budgetID: upload.budget, title: "Utfall inlästa", status: .ok, lines: [
                "\(name): \(summary.rows) rader för \(summary.lines) verksamheter lästes in, \(summary.months) månader; \(summary.changed) uppföljningar ändrades."
            ] + (summary.ignoredColumns.isEmpty ? [] : ["Kolumner som inte lästes: \(summary.ignoredColumns.joined(separator: ", "))."]))
        } catch let failure as Ledger.Failure {
            return ledgerPage(req, planID: planID, budgetID: upload.budget, title: "Inget lästes in", status: .unprocessableEntity,
                              lines: failure.description.split(separator: "\n").map(String.init) + ["Inget ur filen lästes in. Rätta filen och försök igen."])
        }
    }

    static func ledgerPage(_ req: Request, planID: String, budgetID: String?, title: String, status: HTTPResponseStatus, lines: [String]) -> Response {
        PageShell(title: title, breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Ekonomi", url: .planEconomy(id: planID)),
                                              Breadcrumb(title: title, url: nil)], context: req.pageContext, content: .div(
            .h1(.text(title)),
            .div(.class(status == .ok ? "notice" : "error-summary"), .attribute(named: "role", value: status == .ok ? "status" : "alert"),
                 .ul(.forEach(lines) { .li(.text($0)) })),
            .p(.a(.href((SiteURL.planEconomyFollowUp(id: planID).path + (budgetID.map { "?budget=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? "")).attributeEscaped),
                  .text("Till månadsuppföljningen")))
        )).response(status: status)
    }

    @Sendable static func saveThreshold(_ req: Request) async throws -> Response {
        let planID = try await PlanFacts.load(req).plan.id!
        let form = try req.content.decode([String: String].self)
        let amountText = (form["belopp"] ?? "").trimmingCharacters(in: .whitespaces), shareText = (form["andel"] ?? "").trimmingCharacters(in: .whitespaces)
        // The amount and the share (a percentage, stored as a fraction) follow the rule of every stored amount.
        let amount = amountText.isEmpty ? nil : (try? Amount.parseSwedish(amountText).get())
        let share = shareText.isEmpty ? nil : (try? Amount.parseSwedish(shareText.replacingOccurrences(of: "%", with: "")).get()).map { $0 / 100 }
            .flatMap { Amount.problem($0) == nil ? $0 : nil }
        guard amountText.isEmpty || (amount ?? 0) > 0, shareText.isEmpty || ((share ?? 0) > 0 && (share ?? 1) < 1) else {
            throw Abort(.unprocessableEntity, reason: "Gränsen anges som ett belopp större än noll och/eller en andel mellan 0 och 100 % (högst 6 decimaler).")
        }
        guard amount != nil || share != nil else { throw Abort(.unprocessableEntity, reason: "Ange ett belopp, en andel eller båda.") }
        do {
            try await Economies.setThreshold(planID: planID, DeviationThreshold(amount: amount, share: share), by: req.actor, on: req.store)
        } catch let missing as Economies.NoEconomy {
            throw Abort(.unprocessableEntity, reason: missing.description)
        }
        let budget = form["budget"].map { "?budget=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" } ?? ""
        return req.redirect(to: SiteURL.planEconomyFollowUp(id: planID).path + budget, redirectType: .normal)
    }
}
