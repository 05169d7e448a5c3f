import Plot
import TertialCore
import TertialDocuments
import TertialKolada
import TertialStore
import Vapor

/// Planners edit a plan's goals, indicators and targets. Forms work without JavaScript, check
/// with the import's rules, show Swedish messages next to the field and keep what was typed.
enum EditController {
    typealias Form = [String: String]

    // MARK: Goals

    @Sendable static func newGoal(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        return goalPage(req, document, goal: nil, form: ["level": GoalLevel.committee.rawValue], errors: [:]).response()
    }

    @Sendable static func showGoal(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let goal = try goalRecord(req, document)
        let notice = try await sharedOwner(of: goal, req).map {
            "Målet hör till \($0) och ändras av den som planerar för \($0). Du kan flytta det eller ta bort det från den här planen."
        }
        return goalPage(req, document, goal: goal, form: goalForm(goal), errors: [:], notice: notice).response()
    }

    @Sendable static func saveGoal(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let existing = req.parameters.get("goalID") == nil ? nil : try goalRecord(req, document)
        let form = try req.content.decode(Form.self)
        let planID = document.id
        if let existing, moveStep(form) == nil, form["action"] != "delete" { try await requireMayChange(goal: existing, req) }
        if let retire = retireChoice(form), let existing {
            try await PlanEditor.setRetired(goalID: existing.id, retire, planID: planID, by: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planGoal(id: planID, goalID: existing.id).path, redirectType: .normal)
        }
        if let step = moveStep(form), let existing {
            try await PlanEditor.moveGoal(existing.id, planID: planID, by: step, actor: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planGoal(id: planID, goalID: existing.id).path, redirectType: .normal)
        }
        if form["action"] == "delete", let existing {
            do {
                // Anyone planning this plan may take a goal out of it; only who plans for the goal's
                // owner unit may delete the goal itself (a council's goal stays the council's).
                let ownerChain = try await Accounts.unitChain(existing.ownerUnitID, on: req.store)
                try await PlanEditor.deleteGoal(existing.id, planID: planID, mayDeleteGoal: AccessPolicy.allows(req.principal, .editPlan(chain: ownerChain)),
                                                by: req.actor, on: req.store)
                return req.redirect(to: SiteURL.plan(id: planID).path, redirectType: .normal)
            } catch let error as PlanEditor.EditError {
                return goalPage(req, document, goal: existing, form: form, errors: ["allmänt": error.description]).response(status: .unprocessableEntity)
            }
        }
        var errors: [String: String] = [:]
        let childRights = numbers(form["childRights"], field: "childRights", errors: &errors)
        let goal = Goal(
            id: existing?.id ?? PlanEditor.newID(prefix: document.id, title: form["title"] ?? ""),
            level: GoalLevel(rawValue: form["level"] ?? "") ?? .committee, code: clean(form["code"]), title: (form["title"] ?? "").trimmingCharacters(in: .whitespaces),
            description: clean(form["description"]), ownerUnitID: existing?.ownerUnitID ?? document.ownerUnitID,
            goalAreaID: clean(form["goalAreaId"]),
            parentGoalIDs: document.goals.map(\.id).filter { form["parent.\($0)"] != nil },
            agenda2030: list(form["agenda2030"]), childRights: childRights, qualitative: form["qualitative"] != nil,
            isRetired: existing?.isRetired ?? false, indicators: existing?.indicators ?? [])
        if goal.title.isEmpty { errors["title"] = "Skriv målets namn." }
        return try await saveOrShowAgain(req, errors: errors, destination: SiteURL.plan(id: planID).path + "#mal-\(goal.id)",
                                         save: { try await PlanEditor.saveGoal(goal, planID: planID, isNew: existing == nil, by: req.actor, on: req.store) },
                                         page: { goalPage(req, document, goal: existing, form: form, errors: $0) })
    }

    static func goalForm(_ goal: Goal) -> Form {
        var form: Form = ["title": goal.title, "description": goal.description ?? "", "code": goal.code ?? "", "level": goal.level.rawValue,
                          "goalAreaId": goal.goalAreaID ?? "", "agenda2030": goal.agenda2030.joined(separator: ", "),
                          "childRights": goal.childRights.map(String.init).joined(separator: ", ")]
        if goal.qualitative { form["qualitative"] = "ja" }
        for parent in goal.parentGoalIDs { form["parent.\(parent)"] = "ja" }
        return form
    }

    // MARK: Indicators

    @Sendable static func newIndicator(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let goal = try goalRecord(req, document)
        let form: Form = ["decimals": "0", "direction": Direction.increase.rawValue, "frequency": Frequency.year.rawValue]
        return indicatorPage(req, document, goal: goal, indicator: nil, form: form, errors: [:]).response()
    }

    @Sendable static func showIndicator(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let (goal, indicator) = try indicatorRecord(req, document)
        let history = try await AuditLog.indicatorChanges(indicator.id, planID: document.id, on: req.store)
        var form = indicatorForm(indicator)
        // A KPI chosen from the Kolada search fills in the source; the person saves it.
        if let kpi = req.query[String.self, at: "kpi"], kpi.count <= 20, kpi.allSatisfy({ $0.isLetter || $0.isNumber }) {
            form["sourceKind"] = SourceKind.kolada.rawValue
            form["sourceReference"] = kpi
        }
        let search = await koladaSearch(req, document.id, indicator)
        return indicatorPage(req, document, goal: goal, indicator: indicator, form: form, errors: [:], history: history, kolada: search).response()
    }

    /// "Sök nyckeltal i Kolada": KPIs by title from Kolada's API (nil: nothing asked), or why Kolada could not be asked.
    static func koladaSearch(_ req: Request, _ planID: String, _ indicator: Indicator) async -> Node<HTML.BodyContext> {
        let query = (req.query[String.self, at: "kolada"] ?? "").trimmingCharacters(in: .whitespaces)
        var found: Result<[(id: String, title: String)], any Error>?
        if !query.isEmpty {
            do {
                found = .success(try await KoladaHTTP.client(req.application).searchKPIs(title: String(query.prefix(100))).map { ($0.id, $0.title) })
            } catch {
                found = .failure(error)
            }
        }
        return koladaSearchView(planID, indicator, query: query, found: found)
    }

    @Sendable static func saveNewIndicator(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        return try await saveIndicator(req, document, goal: try goalRecord(req, document), existing: nil)
    }

    @Sendable static func saveExistingIndicator(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let (goal, indicator) = try indicatorRecord(req, document)
        return try await saveIndicator(req, document, goal: goal, existing: indicator)
    }

    static func saveIndicator(_ req: Request, _ document: Plan, goal: Goal, existing: Indicator?) async throws -> Response {
        let form = try req.content.decode(Form.self)
        let planID = document.id
        if let retire = retireChoice(form), let existing {
            try await PlanEditor.setRetired(indicatorID: existing.id, retire, planID: planID, by: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planIndicator(id: planID, indicatorID: existing.id).path, redirectType: .normal)
        }
        if let step = moveStep(form), let existing {
            try await PlanEditor.moveIndicator(existing.id, planID: planID, by: step, actor: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planGoal(id: planID, goalID: goal.id).path, redirectType: .normal)
        }
        if form["action"] == "delete", let existing {
            do {
                try await PlanEditor.deleteIndicator(existing.id, planID: planID, by: req.actor, on: req.store)
                return req.redirect(to: SiteURL.plan(id: planID).path + "#mal-\(goal.id)", redirectType: .normal)
            } catch let error as PlanEditor.EditError {
                return indicatorPage(req, document, goal: goal, indicator: existing, form: form, errors: ["allmänt": error.description]).response(status: .unprocessableEntity)
            }
        }
        var errors: [String: String] = [:]
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty { errors["name"] = "Skriv indikatorns namn." }
        let decimals = Int(form["decimals"] ?? "") ?? -1
        if !(0...6).contains(decimals) { errors["decimals"] = "Antal decimaler är ett heltal 0–6." }
        var targets: [Int: String] = [:]
        for year in targetYears(document, existing) {
            if let text = clean(form["target-\(year)"]) { targets[year] = text }
        }
        let source = SourceKind(rawValue: form["sourceKind"] ?? "").map { Source(kind: $0, reference: clean(form["sourceReference"])) }
        let indicator = PlanEditor.IndicatorFields(
            id: existing?.id ?? PlanEditor.newID(prefix: planID, title: name), name: name, description: clean(form["description"]),
            unit: clean(form["unit"]), decimals: max(0, min(6, decimals)), direction: Direction(rawValue: form["direction"] ?? "") ?? .none,
            source: source, genderBreakdown: form["genderBreakdown"] != nil, frequency: Frequency(rawValue: form["frequency"] ?? "") ?? .year,
            baseline: clean(form["baseline"]), targets: targets, note: clean(form["note"]))
        return try await saveOrShowAgain(req, errors: errors, destination: SiteURL.plan(id: planID).path + "#mal-\(goal.id)",
                                         save: { try await PlanEditor.saveIndicator(indicator, goalID: goal.id, planID: planID, isNew: existing == nil, by: req.actor, on: req.store) },
                                         page: { indicatorPage(req, document, goal: goal, indicator: existing, form: form, errors: $0) })
    }

    static func indicatorForm(_ indicator: Indicator) -> Form {
        var form: Form = ["name": indicator.name, "description": indicator.description ?? "", "unit": indicator.unit ?? "",
                          "decimals": String(indicator.decimals), "direction": indicator.direction.rawValue,
                          "sourceKind": indicator.source?.kind.rawValue ?? "", "sourceReference": indicator.source?.reference ?? "",
                          "frequency": indicator.frequency.rawValue, "baseline": indicator.baseline?.text ?? "", "note": indicator.note ?? ""]
        if indicator.genderBreakdown { form["genderBreakdown"] = "ja" }
        for (year, target) in indicator.targets { form["target-\(year)"] = target.text }
        return form
    }

    // MARK: Helpers

    /// The live plan, typed (for pages that show it).
    static func typedPlan(_ req: Request) async throws -> Plan {
        try await PlanReads.plan(try PlanFacts.load(req).plan.id!, on: req.store)
    }

    static func goalRecord(_ req: Request, _ document: Plan) throws -> Goal {
        guard let id = req.parameters.get("goalID"), let goal = document.goals.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return goal
    }

    static func indicatorRecord(_ req: Request, _ document: Plan) throws -> (Goal, Indicator) {
        guard let id = req.parameters.get("indicatorID") else { throw Abort(.notFound) }
        for goal in document.goals { if let indicator = goal.indicators.first(where: { $0.id == id }) { return (goal, indicator) } }
        throw Abort(.notFound)
    }

    /// The plan's years, and any other year the indicator already has a target for (Mark's plan
    /// 2024–2025 prints targets for 2023 too): none is dropped by saving the form.
    static func targetYears(_ plan: Plan, _ indicator: Indicator?) -> [Int] {
        Set(plan.planYears + (indicator.map { Array($0.targets.keys) } ?? [])).sorted()
    }

    static func crumbs(_ plan: Plan, _ title: String) -> [Breadcrumb] {
        [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)), Breadcrumb(title: title, url: nil)]
    }

    static func clean(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// The buttons every edit form shares: "up"/"down" move the thing one step (-1/+1)…
    static func moveStep(_ form: Form) -> Int? { ["up": -1, "down": 1][form["action"] ?? ""] }

    /// …and "retire"/"reinstate" take it out of the follow-up or back (true/false).
    static func retireChoice(_ form: Form) -> Bool? { ["retire": true, "reinstate": false][form["action"] ?? ""] }

    /// Saves when the form had no errors and goes to `destination`; otherwise, or when the editor's
    /// own rules refuse it, shows the form again with what was typed and the messages (422).
    static func saveOrShowAgain(_ req: Request, errors: [String: String], destination: String,
                                save: () async throws -> Void, page: ([String: String]) -> PageShell) async throws -> Response {
        var errors = errors
        if errors.isEmpty {
            do {
                try await save()
                return req.redirect(to: destination, redirectType: .normal)
            } catch let invalid as PlanEditor.Invalid {
                errors = invalid.fields
            }
        }
        return page(errors).response(status: .unprocessableEntity)
    }

    static func list(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: { $0 == "," || $0 == ";" || $0.isWhitespace }).map(String.init)
    }

    static func numbers(_ text: String?, field: String, errors: inout [String: String]) -> [Int] {
        list(text).compactMap { item in
            guard let number = Int(item) else { errors[field] = "\"\(item)\" är inget heltal."; return nil }
            return number
        }
    }
}
