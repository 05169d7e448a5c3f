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
        return economyPage(req, document, reportValues: reportValues, editPlan: editPlan, savedBudget: savedBudget).response()
    }

    static func frameTransfers(_ economy: Economy, _ plan: Plan) -> [FrameTransfer] {
        economy.frameTransfers.filter { $0.fromUnitID == plan.ownerUnitID || $0.toUnitID == plan.ownerUnitID }
    }

    static func unitNames(_ document: Plan) -> [String: String] {
        Dictionary(document.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
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
            return noOperatingBudgetPage(req, document).response()
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

    /// What the monthly page needs beyond the plan (each line's history, whether the person plans), then the page.
    static func followUpPage(_ req: Request, _ document: Plan, _ economy: Economy, budgetID: String, year: Int, month: Int,
                             typed: [String: Typed], shown: [String: String]?, errors: [String: String], saved: Int?) async throws -> PageShell {
        let history = try await Economies.history(planID: document.id, budgetID: budgetID, year: year, month: month, on: req.store)
        let facts = try await PlanFacts.load(req)
        let mayPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
        return followUpView(req, document, economy, budgetID: budgetID, year: year, month: month, typed: typed, shown: shown, errors: errors, saved: saved,
                            history: history, mayPlan: mayPlan)
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
            ] + (summary.ignoredColumns.isEmpty ? [] : ["Kolumner som inte lästes: \(summary.ignoredColumns.joined(separator: ", "))."])).response(status: .ok)
        } catch let failure as Ledger.Failure {
            return ledgerPage(req, planID: planID, budgetID: upload.budget, title: "Inget lästes in", status: .unprocessableEntity,
                              lines: failure.description.split(separator: "\n").map(String.init) + ["Inget ur filen lästes in. Rätta filen och försök igen."])
                .response(status: .unprocessableEntity)
        }
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
