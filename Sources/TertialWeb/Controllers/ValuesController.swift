import TertialDocuments
import Plot
import TertialCore
import TertialStore
import Vapor

/// Entering outcomes and forecasts for one year: one form, one request, one transaction.
///
/// - An error keeps everything the person typed and names the cell; nothing is saved.
/// - Two people at once: the form carries, per cell, the version and text it showed. If someone
///   else saved the cell since, nothing is saved and the page shows both values; saving again
///   then means "keep mine".
/// - Each row shows the cell's earlier versions, with who and when.
enum ValuesController {
    struct Cell: Hashable {
        let indicatorID: String
        let kind: ValueKind
        var gender: Gender = .total

        /// The form field: "u.ID" (outcome), "p.ID" (forecast), with ".women"/".men" for gender rows.
        var field: String { "\(kind == .outcome ? "u" : "p").\(indicatorID)" + (gender == .total ? "" : ".\(gender.rawValue)") }
    }

    /// The rows an indicator has in the grid: the total, and women and men when it is broken down.
    static func genders(_ indicator: Indicator) -> [Gender] { indicator.genderBreakdown ? [.total, .women, .men] : [.total] }

    typealias Cells = [String: [Gender: [ValueKind: ValueHistory.Cell]]]

    /// What the form shows and sends for one cell.
    struct Shown { var text: String; var version: Int }

    struct Conflict { let theirs: String; let who: String; let when: Date }

    /// Cells that someone else saved after the form was made; the transaction is rolled back.
    struct SaveConflicts: Error { let cells: [Cell: ValueHistory.Cell?] }

    struct PageState {
        var typed: [Cell: String] = [:]
        /// Each value's comment, as typed.
        var comments: [Cell: String] = [:]
        /// What the person's form was based on; nil means "as stored now".
        var shown: [Cell: Shown]? = nil
        var shownComments: [Cell: String]? = nil
        var errors: [Cell: String] = [:]
        var conflicts: [Cell: Conflict] = [:]
        var saved: Int? = nil
    }

    static func prefix(_ kind: ValueKind) -> String { kind == .outcome ? "u" : "p" }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanReads.plan(facts.plan.id!, on: req.store).activeView
        let period = chosenPeriod(req.query[String.self, at: "period"], year: req.query[Int.self, at: "ar"], document)
        let cells = try await ValueHistory.allCells(planID: facts.plan.id!, period: period, on: req.store)
        return page(req, document, period: period, cells: cells, state: PageState(saved: req.query[Int.self, at: "sparat"])).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let planID = facts.plan.id!
        let document = try await PlanReads.plan(planID, on: req.store).activeView
        let form = try req.content.decode([String: String].self)
        let period = try postedPeriod(form, document)
        let indicators = document.goals.flatMap(\.indicators)
        var state = PageState(shown: [:], shownComments: [:])
        for indicator in indicators {
            for gender in genders(indicator) {
                for kind in ValueKind.allCases {
                    let cell = Cell(indicatorID: indicator.id, kind: kind, gender: gender)
                    let key = cell.field
                    let text = (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    state.typed[cell] = text
                    state.shown?[cell] = Shown(text: form["o.\(key)"] ?? "", version: Int(form["v.\(key)"] ?? "") ?? 0)
                    let comment = (form["k.\(key)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    state.comments[cell] = comment
                    state.shownComments?[cell] = form["o.k.\(key)"] ?? ""
                    if text.isEmpty && !comment.isEmpty {
                        state.errors[cell] = "\(indicator.name), \(kind.label.lowercased()): en kommentar hör till ett värde – skriv värdet också."
                    }
                    if !text.isEmpty {
                        let who = gender == .total ? "" : " (\(gender.label.lowercased()))"
                        do { _ = try ValueText(text) } catch { state.errors[cell] = "\(indicator.name)\(who), \(kind.label.lowercased()): \(error.description)" }
                        if let problem = ValueText.formProblem(comment, maxLength: TextLimits.text) {
                            state.errors[cell] = "\(indicator.name)\(who), kommentar till \(kind.label.lowercased()): \(problem)"
                        }
                    }
                }
            }
        }
        var cells = try await ValueHistory.allCells(planID: planID, period: period, on: req.store)
        guard state.errors.isEmpty else {
            return page(req, document, period: period, cells: cells, state: state).response(status: .unprocessableEntity)
        }
        // What this person changed: a typed value that differs from what the form showed (or a new
        // comment), or an emptied cell that showed a value (cleared; its history keeps it).
        var changes: [(Cell, String, String?, Int)] = []
        for indicator in indicators {
            for gender in genders(indicator) {
                for kind in ValueKind.allCases {
                    let cell = Cell(indicatorID: indicator.id, kind: kind, gender: gender)
                    let typed = state.typed[cell] ?? "", shown = state.shown?[cell] ?? Shown(text: "", version: 0)
                    let commentChanged = state.comments[cell] != state.shownComments?[cell]
                    guard typed != shown.text || (commentChanged && !typed.isEmpty) else { continue }
                    let comment = state.comments[cell].flatMap { $0.isEmpty ? nil : $0 }
                    changes.append((cell, typed, comment, shown.version))
                }
            }
        }
        // Saved in one transaction; whether someone else saved a cell since the form was made is
        // checked inside it, cell by cell, so a race between two saves is always caught.
        let actor = req.actor
        let toSave = changes
        let changed: Int
        do {
            changed = try await req.store.writeTransaction { db -> Int in
                var count = 0
                var conflicts: [Cell: ValueHistory.Cell?] = [:]
                for (cell, text, comment, version) in toSave {
                    do {
                        if try await ValueHistory.apply(.indicator(cell.indicatorID), period: period, gender: cell.gender, kind: cell.kind, text: text,
                                                        comment: comment, expectedVersion: version, by: actor, on: db) != .unchanged { count += 1 }
                    } catch let conflict as ValueHistory.Conflict {
                        conflicts[cell] = conflict.current
                        if conflict.transactionAborted { break }
                    }
                }
                if !conflicts.isEmpty { throw SaveConflicts(cells: conflicts) }
                return count
            }
        } catch let conflict as SaveConflicts {
            cells = try await ValueHistory.allCells(planID: planID, period: period, on: req.store)
            for cell in conflict.cells.keys {
                let current = cells[cell.indicatorID]?[cell.gender]?[cell.kind]
                state.conflicts[cell] = Conflict(theirs: current?.text ?? "", who: current?.recordedBy ?? "någon", when: current?.recordedAt ?? Date())
            }
            // Show both; the form is now based on what is stored, so saving again keeps the person's values.
            state.shown = nil
            state.shownComments = nil
            return page(req, document, period: period, cells: cells, state: state).response(status: .conflict)
        }
        return req.redirect(to: SiteURL.planValues(id: planID).path + "?period=\(period)&sparat=\(changed)", redirectType: .normal)
    }

    static func chosenYear(_ asked: Int?, _ document: Plan) -> Int {
        let years = document.planYears
        if let asked, (years.first! - 5)...(years.last!) ~= asked { return asked }
        let now = Calendar(identifier: .gregorian).component(.year, from: Date())
        return years.contains(now) ? now : document.budgetYear
    }

    /// The period asked for (`period=2024-T1`, or `ar=2024` for the whole year) if the municipality
    /// follows it up and it lies within the plan's reach; otherwise the whole year, as `chosenYear` picks it.
    static func chosenPeriod(_ asked: String?, year: Int?, _ document: Plan) -> Period {
        if let asked, let period = Period(asked), periods(document).contains(period) { return period }
        return Period(year: chosenYear(year, document))
    }

    /// The period a form was made for. A period the municipality no longer follows up (or never
    /// did) is refused: storing the values under another period would put them in the wrong place.
    static func postedPeriod(_ form: [String: String], _ document: Plan) throws -> Period {
        guard let asked = form["period"] else { return chosenPeriod(nil, year: Int(form["ar"] ?? ""), document) }
        guard let period = Period(asked), periods(document).contains(period) else {
            throw Abort(.unprocessableEntity, reason: "Perioden \"\(asked.prefix(40))\" följs inte upp i den här planen. Inget sparades; välj en period i listan och försök igen.")
        }
        return period
    }

    static func periods(_ document: Plan) -> [Period] {
        let years = (document.planYears.first! - 2)...document.planYears.last!
        return years.flatMap { document.municipality.periods(of: $0) }
    }

    static func periodPicker(_ planID: String, periods: [Period], chosen: Period) -> Node<HTML.BodyContext> {
        .form(.method(.get), .action(SiteURL.planValues(id: planID).path), .class("inline-form"),
              Forms.select("period", label: "Period", choices: periods.map { ($0.description, periodName($0)) },
                           chosen: chosen.description),
              .button(.type(.submit), .text("Visa")))
    }

    /// "Helår 2024", "Delår 2024", "Tertial 1 2024", "Mars 2024".
    static func periodName(_ period: Period) -> String {
        period.part == .year ? "Helår \(period.year)" : period.label.prefix(1).uppercased() + period.label.dropFirst()
    }

    static func header(_ period: Period) -> Node<HTML.TableContext> {
        let name = period.label
        let headings = ["Indikator", "Målvärde \(period.year)", "Utfall \(name) och kommentar", "Prognos \(name) och kommentar"]
        return .thead(.tr(.forEach(headings) { .th(.attribute(named: "scope", value: "col"), .text($0)) }))
    }

    static func hidden(_ name: String, _ value: String) -> Node<HTML.BodyContext> {
        .input(.type(.hidden), .name(name.attributeEscaped), .value(value.attributeEscaped))
    }

    /// The input cells of one row (outcome, forecast) for `gender`.
    static func inputs(_ indicator: Indicator, gender: Gender, rowIndex: Int, period: Period, cells: [ValueKind: ValueHistory.Cell],
                       state: PageState) -> [Node<HTML.TableRowContext>] {
        ValueKind.allCases.map { kind in
            let cell = Cell(indicatorID: indicator.id, kind: kind, gender: gender)
            let stored = cells[kind]
            let value = state.typed[cell] ?? stored?.text ?? ""
            let name = cell.field
            let shown = state.shown?[cell] ?? Shown(text: stored?.text ?? "", version: stored?.version ?? 0)
            let who = gender == .total ? "" : " (\(gender.label.lowercased()))"
            let label = "\(kind.label) \(period.label): \(indicator.name)\(who)"
            let invalid: Attribute<HTML.InputContext> = state.errors[cell] != nil || state.conflicts[cell] != nil
                ? .attribute(named: "aria-invalid", value: "true") : .empty
            return .td(
                .input(.type(.text), .name(name.attributeEscaped), .value(value.attributeEscaped), .attribute(named: "inputmode", value: "decimal"),
                       .attribute(named: "data-row", value: String(rowIndex)), .attribute(named: "data-col", value: kind == .outcome ? "0" : "1"),
                       .attribute(named: "aria-label", value: label.attributeEscaped), invalid, .attribute(named: "size", value: "8")),
                hidden("o.\(name)", shown.text), hidden("v.\(name)", String(shown.version)),
                .input(.type(.text), .name("k.\(name)".attributeEscaped), .class("comment"),
                       .value((state.comments[cell] ?? stored?.comment ?? "").attributeEscaped),
                       .placeholder("Kommentar"), .attribute(named: "aria-label", value: "Kommentar till \(label)".attributeEscaped)),
                hidden("o.k.\(name)", state.shownComments?[cell] ?? stored?.comment ?? ""),
                .unwrap(state.conflicts[cell]) { conflict in
                    .span(.class("error conflict"), .text("\(conflict.who) sparade \(conflict.theirs) \(SwedishDate.dateTime(conflict.when)). Ditt värde: \(value)."))
                })
        }
    }

    /// An indicator's rows: the total with target, comment and history; then women and men when broken down.
    static func rows(_ indicator: Indicator, firstRow: Int, period: Period, cells: [Gender: [ValueKind: ValueHistory.Cell]], state: PageState) -> [Node<HTML.TableContext>] {
        let total = cells[.total] ?? [:]
        let history = cells.flatMap { gender, byKind in
            byKind.flatMap { kind, cell in cell.history.map { (gender, kind, $0) } }
        }.sorted { $0.2.recordedAt < $1.2.recordedAt }
        var result: [Node<HTML.TableContext>] = [
            .tr(.th(.attribute(named: "scope", value: "row"), .id("i-\(indicator.id)".attributeEscaped), .text(indicator.name),
                    .if(!history.isEmpty, .element(named: "details", nodes: [.class("history"),
                        .element(named: "summary", text: "Historik (\(history.count))"),
                        .ul(.forEach(history) { gender, kind, version in
                            .li(.text("\(SwedishDate.dateTime(version.recordedAt)) \(version.recordedBy): \(kind.label.lowercased())"
                                      + (gender == .total ? "" : " \(gender.label.lowercased())") + " \(version.text)"
                                      + (version.comment.map { " – \($0)" } ?? "")))
                        })]))),
                .td(.class("num"), .text(indicator.targets[period.year]?.text ?? "")),
                .group(inputs(indicator, gender: .total, rowIndex: firstRow, period: period, cells: total, state: state)))
        ]
        for (offset, gender) in genders(indicator).dropFirst().enumerated() {
            result.append(.tr(.class("gender"), .th(.attribute(named: "scope", value: "row"), .text(gender.label)), .td(),
                              .group(inputs(indicator, gender: gender, rowIndex: firstRow + 1 + offset, period: period, cells: cells[gender] ?? [:], state: state))))
        }
        return result
    }

    static func page(_ req: Request, _ document: Plan, period: Period, cells: Cells, state: PageState) -> PageShell {
        let plan = document
        let name = period.label
        // Rows are numbered across the whole form, so a pasted column runs on from one goal's table into the next.
        var rowIndex = 0
        let tables: [Node<HTML.FormContext>] = document.goals.filter { !$0.indicators.isEmpty }.map { goal in
            let rows: [Node<HTML.TableContext>] = goal.indicators.flatMap { indicator in
                defer { rowIndex += genders(indicator).count }
                return self.rows(indicator, firstRow: rowIndex, period: period, cells: cells[indicator.id] ?? [:], state: state)
            }
            return scrollableTable(label: goal.title, .table(
                .caption(.text(goal.title)),
                header(period),
                .tbody(.group(rows))))
        }
        let conflictMessage = state.conflicts.isEmpty ? [] : ["Någon annan har sparat värden i \(state.conflicts.count == 1 ? "en ruta" : "\(state.conflicts.count) rutor") sedan du öppnade sidan. Inget sparades. Jämför nedan och spara igen för att behålla dina värden."]
        return PageShell(title: "Rapportera utfall \(name)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                       Breadcrumb(title: "Rapportera utfall", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Rapportera utfall \(name) – \(plan.title)")),
            .unwrap(state.saved) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0 == 1 ? "1 värde sparat." : "\($0) värden sparade.")) },
            Forms.errorSummary(conflictMessage + state.errors.values.sorted()),
            periodPicker(plan.id, periods: periods(document), chosen: period),
            .p(.class("hint"), .text("Skriv tal som i Excel (92, 6,8, 1 560), en markering (i.u., nytt mått, ej aktuellt) eller siffror som planen skriver dem (>98 %, 52 %/47 %). Töm en ruta för att ta bort värdet; historiken finns kvar. "
                                     + "Klistra in en kolumn från Excel i en ruta så fylls rutorna nedåt; Enter och piltangenterna flyttar mellan rutorna.")),
            .p(.id("grid-status"), .class("hint"), .attribute(named: "role", value: "status"), .attribute(named: "aria-live", value: "polite")),
            .form(.method(.post), .action(SiteURL.planValues(id: plan.id).path), .attribute(named: "data-grid", value: "values"),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("period"), .value(period.description)),
                .group(tables),
                .button(.type(.submit), .class("primary"), .text("Spara"))
            )
        ))
    }
}
