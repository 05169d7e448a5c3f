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
        /// The indicator's id, or the tracking measure's (följetal) where `isMeasure`.
        let id: String
        let kind: ValueKind
        var gender: Gender = .total
        var isMeasure = false

        /// The form field: "u.ID" (outcome), "p.ID" (forecast), with ".women"/".men" for gender rows;
        /// "mu.ID" for a tracking measure's outcome.
        var field: String { (isMeasure ? "m" : "") + "\(kind == .outcome ? "u" : "p").\(id)" + (gender == .total ? "" : ".\(gender.rawValue)") }
        var subject: ValueHistory.Subject { isMeasure ? .trackingMeasure(id) : .indicator(id) }
    }

    /// Every cell of the grid, with the name a message calls it by: each indicator's outcome and forecast
    /// (per gender where it is broken down), then each tracking measure's outcome.
    static func gridCells(_ document: Plan) -> [(cell: Cell, name: String)] {
        var result: [(cell: Cell, name: String)] = []
        for indicator in document.goals.flatMap(\.indicators) {
            for gender in genders(indicator) {
                for kind in ValueKind.allCases {
                    result.append((Cell(id: indicator.id, kind: kind, gender: gender), indicator.name + (gender == .total ? "" : " (\(gender.label.lowercased()))")))
                }
            }
        }
        for measure in reportedMeasures(document) { result.append((Cell(id: measure.id, kind: .outcome, isMeasure: true), measure.name)) }
        return result
    }

    /// The tracking measures reported in the grid: the plan's active ones, under their basic mission first
    /// (in the missions' order), then by the heading they are listed under.
    static func measureTables(_ document: Plan) -> [(title: String, measures: [TrackingMeasure])] {
        document.trackingMeasuresByMission.map { (title: "Grunduppdrag: \($0.mission.title)", measures: $0.measures) }
            + document.trackingMeasureGroups.map { (title: $0.name, measures: $0.measures) }
    }

    static func reportedMeasures(_ document: Plan) -> [TrackingMeasure] { measureTables(document).flatMap(\.measures) }

    /// The rows an indicator has in the grid: the total, and women and men when it is broken down.
    static func genders(_ indicator: Indicator) -> [Gender] { indicator.genderBreakdown ? [.total, .women, .men] : [.total] }

    typealias Cells = [String: [Gender: [ValueKind: ValueHistory.Cell]]]

    /// What is stored for the grid's period: the indicators' cells and the tracking measures'.
    struct GridValues {
        var indicators: Cells
        var measures: Cells

        static func load(planID: String, period: Period, on store: StoreHandle) async throws -> GridValues {
            GridValues(indicators: try await ValueHistory.allCells(planID: planID, period: period, on: store),
                       measures: try await ValueHistory.allMeasureCells(planID: planID, period: period, on: store))
        }

        func cell(_ cell: Cell) -> ValueHistory.Cell? { (cell.isMeasure ? measures : indicators)[cell.id]?[cell.gender]?[cell.kind] }
    }

    /// What the form shows and sends for one cell.
    struct Shown { var text: String; var version: Int }

    struct Conflict { let theirs: String; let who: String; let when: Date }

    struct PageState {
        var typed: [Cell: String] = [:]
        /// Each value's comment, as typed.
        var comments: [Cell: String] = [:]
        /// What the person's form was based on; nil means "as stored now".
        var shown: [Cell: Shown]? = nil
        var shownComments: [Cell: String]? = nil
        var errors: [Cell: String] = [:]
        var conflicts: [Cell: Conflict] = [:]
        /// Why the period cannot be changed (closed for reporting); the page says so and saves nothing.
        var closed: String? = nil
        var saved: Int? = nil
    }

    static func prefix(_ kind: ValueKind) -> String { kind == .outcome ? "u" : "p" }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanReads.plan(facts.plan.id!, on: req.store).activeView
        let period = chosenPeriod(req.query[String.self, at: "period"], year: req.query[Int.self, at: "ar"], document)
        let cells = try await GridValues.load(planID: facts.plan.id!, period: period, on: req.store)
        var state = PageState(saved: req.query[Int.self, at: "sparat"])
        state.closed = try await PeriodLocks.closure(planID: facts.plan.id!, locking: period, on: req.store)?.readOnlyNotice
        return page(req, document, period: period, cells: cells, state: state).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let planID = facts.plan.id!
        let document = try await PlanReads.plan(planID, on: req.store).activeView
        let form = try req.content.decode([String: String].self)
        let period = try postedPeriod(form, document)
        let grid = gridCells(document)
        var state = PageState(shown: [:], shownComments: [:])
        for (cell, name) in grid {
            let key = cell.field, kind = cell.kind
            let text = (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            state.typed[cell] = text
            state.shown?[cell] = Shown(text: form["o.\(key)"] ?? "", version: Int(form["v.\(key)"] ?? "") ?? 0)
            let comment = (form["k.\(key)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            state.comments[cell] = comment
            state.shownComments?[cell] = form["o.k.\(key)"] ?? ""
            if text.isEmpty && !comment.isEmpty {
                state.errors[cell] = "\(name), \(kind.label.lowercased()): en kommentar hör till ett värde – skriv värdet också."
            }
            if !text.isEmpty {
                do { _ = try ValueText(text) } catch { state.errors[cell] = "\(name), \(kind.label.lowercased()): \(error.description)" }
                if let problem = ValueText.formProblem(comment, maxLength: TextLimits.text) {
                    state.errors[cell] = "\(name), kommentar till \(kind.label.lowercased()): \(problem)"
                }
            }
        }
        var cells = try await GridValues.load(planID: planID, period: period, on: req.store)
        guard state.errors.isEmpty else {
            return page(req, document, period: period, cells: cells, state: state).response(status: .unprocessableEntity)
        }
        // What this person changed: a typed value that differs from what the form showed (or a new
        // comment), or an emptied cell that showed a value (cleared; its history keeps it).
        var changes: [(Cell, String, String?, Int)] = []
        for (cell, _) in grid {
            let typed = state.typed[cell] ?? "", shown = state.shown?[cell] ?? Shown(text: "", version: 0)
            let commentChanged = state.comments[cell] != state.shownComments?[cell]
            guard typed != shown.text || (commentChanged && !typed.isEmpty) else { continue }
            let comment = state.comments[cell].flatMap { $0.isEmpty ? nil : $0 }
            changes.append((cell, typed, comment, shown.version))
        }
        // Saved in one transaction; whether someone else saved a cell since the form was made is
        // checked inside it, cell by cell, so a race between two saves is always caught.
        let writes = changes.map { cell, text, comment, version in
            ValueHistory.CellWrite(subject: cell.subject, gender: cell.gender, kind: cell.kind, text: text, comment: comment, expectedVersion: version)
        }
        let changed: Int
        do {
            changed = try await ValueHistory.save(writes, planID: planID, period: period, by: req.actor, on: req.store)
        } catch let closed as PeriodLocks.Closed {
            state.closed = closed.description
            return page(req, document, period: period, cells: cells, state: state).response(status: .locked)
        } catch let conflict as ValueHistory.Conflicts {
            cells = try await GridValues.load(planID: planID, period: period, on: req.store)
            for cell in conflict.cells.keys.map({ changes[$0].0 }) {
                let current = cells.cell(cell)
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

    /// "Helår 2024", "Delår 2024", "Tertial 1 2024", "Mars 2024".
    static func periodName(_ period: Period) -> String {
        period.part == .year ? "Helår \(period.year)" : period.label.prefix(1).uppercased() + period.label.dropFirst()
    }
}
