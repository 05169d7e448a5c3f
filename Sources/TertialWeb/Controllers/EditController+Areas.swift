import Plot
import TertialCore
import TertialStore
import Vapor

/// Goal areas and tracking measures (följetal with approved levels), edited like goals.
extension EditController {
    // MARK: Goal areas

    @Sendable static func newArea(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        return areaPage(req, document, area: nil, form: ["label": document.goalAreas.last?.label ?? "Målområde"], errors: [:]).response()
    }

    @Sendable static func showArea(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let area = try areaRecord(req, document)
        return areaPage(req, document, area: area, form: ["name": area.name, "label": area.label ?? "", "description": area.description ?? ""], errors: [:]).response()
    }

    @Sendable static func saveArea(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let existing = req.parameters.get("areaID") == nil ? nil : try areaRecord(req, document)
        let form = try req.content.decode(Form.self)
        if let existing, moveStep(form) == nil, form["action"] != "remove" { try await requireMayChange(areaID: existing.id, req) }
        if let existing, let step = moveStep(form) {
            try await PlanEditor.moveGoalArea(existing.id, planID: document.id, by: step, actor: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planArea(id: document.id, areaID: existing.id).path, redirectType: .normal)
        }
        if let existing, form["action"] == "remove" {
            do {
                try await PlanEditor.removeGoalArea(existing.id, planID: document.id, by: req.actor, on: req.store)
                return req.redirect(to: SiteURL.plan(id: document.id).path, redirectType: .normal)
            } catch is PlanEditor.EditError {
                return areaPage(req, document, area: existing, form: form, errors: ["allmänt": "Målområdet används av mål i planen; flytta eller ta bort dem först."])
                    .response(status: .unprocessableEntity)
            }
        }
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let errors: [String: String] = name.isEmpty ? ["name": "Skriv målområdets namn."] : [:]
        let area = GoalArea(id: existing?.id ?? PlanEditor.newID(prefix: document.municipality.id, title: name), name: name,
                            label: clean(form["label"]), description: clean(form["description"]))
        return try await saveOrShowAgain(req, errors: errors, destination: SiteURL.plan(id: document.id).path,
                                         save: { try await PlanEditor.saveGoalArea(area, planID: document.id, isNew: existing == nil, by: req.actor, on: req.store) },
                                         page: { areaPage(req, document, area: existing, form: form, errors: $0) })
    }

    static func areaRecord(_ req: Request, _ document: Plan) throws -> GoalArea {
        guard let id = req.parameters.get("areaID"), let area = document.goalAreas.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return area
    }

    static func areaPage(_ req: Request, _ document: Plan, area: GoalArea?, form: Form, errors: [String: String]) -> PageShell {
        let plan = document
        let title = area.map { "Ändra målområde: \($0.name)" } ?? "Nytt målområde"
        let action = area.map { SiteURL.planArea(id: plan.id, areaID: $0.id) } ?? .planNewArea(id: plan.id)
        return PageShell(title: title, breadcrumbs: crumbs(plan, title), context: req.pageContext, content: .div(
            .h1(.text(title)),
            adoptedNotice(plan),
            .if(area != nil, .p(.class("hint"), .text("Målområdet hör till kommunen: ett ändrat namn syns i alla planer som använder det."))),
            Forms.errorSummary(errors.keys.sorted().compactMap { errors[$0] }),
            .form(.method(.post), .action(action.path),
                Forms.csrf(req.pageContext),
                Forms.field("name", label: "Namn", value: form["name"] ?? "", error: errors["name"], required: true),
                Forms.field("label", label: "Benämning", value: form["label"] ?? "", error: errors["label"], hint: "Målområde, Strategiskt område, Perspektiv, Förutsättning …"),
                textarea("description", "Beskrivning", form["description"] ?? "", errors["description"]),
                .button(.type(.submit), .class("primary"), .text("Spara målområde"))),
            .unwrap(area) { area in
                .form(.method(.post), .action(SiteURL.planArea(id: plan.id, areaID: area.id).path), .class("actions"),
                      Forms.csrf(req.pageContext),
                      .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "up"), .text("Flytta uppåt")),
                      .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "down"), .text("Flytta nedåt")),
                      .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "remove"), .text("Ta bort ur planen")))
            }
        ))
    }

    // MARK: Tracking measures

    @Sendable static func newMeasure(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        return measurePage(req, document, measure: nil, form: ["decimals": "0"], errors: [:]).response()
    }

    @Sendable static func showMeasure(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let measure = try measureRecord(req, document)
        let form: Form = ["name": measure.name, "group": measure.group ?? "", "unit": measure.unit ?? "", "decimals": String(measure.decimals),
                          "basicMissionId": measure.basicMissionID ?? "", "approvedLevel": measure.approvedLevel?.text ?? "", "note": measure.note ?? ""]
        return measurePage(req, document, measure: measure, form: form, errors: [:]).response()
    }

    @Sendable static func saveMeasure(_ req: Request) async throws -> Response {
        let document = try await typedPlan(req)
        let existing = req.parameters.get("measureID") == nil ? nil : try measureRecord(req, document)
        let form = try req.content.decode(Form.self)
        if let existing, let step = moveStep(form) {
            try await PlanEditor.moveTrackingMeasure(existing.id, planID: document.id, by: step, actor: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planMeasure(id: document.id, measureID: existing.id).path, redirectType: .normal)
        }
        if let existing, let retire = retireChoice(form) {
            try await PlanEditor.setRetired(measureID: existing.id, retire, planID: document.id, by: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planMeasure(id: document.id, measureID: existing.id).path, redirectType: .normal)
        }
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        var errors: [String: String] = name.isEmpty ? ["name": "Skriv följetalets namn."] : [:]
        let decimals = Int(form["decimals"] ?? "") ?? -1
        if !(0...6).contains(decimals) { errors["decimals"] = "Antal decimaler är ett heltal 0–6." }
        let measure = PlanEditor.TrackingMeasureFields(id: existing?.id ?? PlanEditor.newID(prefix: document.id, title: name), name: name,
                                                       group: clean(form["group"]), unit: clean(form["unit"]), decimals: max(0, min(6, decimals)),
                                                       basicMissionID: clean(form["basicMissionId"]), approvedLevel: clean(form["approvedLevel"]),
                                                       note: clean(form["note"]))
        return try await saveOrShowAgain(req, errors: errors, destination: SiteURL.plan(id: document.id).path,
                                         save: { try await PlanEditor.saveTrackingMeasure(measure, planID: document.id, isNew: existing == nil, by: req.actor, on: req.store) },
                                         page: { measurePage(req, document, measure: existing, form: form, errors: $0) })
    }

    static func measureRecord(_ req: Request, _ document: Plan) throws -> TrackingMeasure {
        guard let id = req.parameters.get("measureID"), let measure = document.trackingMeasures.first(where: { $0.id == id }) else { throw Abort(.notFound) }
        return measure
    }

    static func measurePage(_ req: Request, _ document: Plan, measure: TrackingMeasure?, form: Form, errors: [String: String]) -> PageShell {
        let plan = document
        let title = measure.map { "Ändra följetal: \($0.name)" } ?? "Nytt följetal"
        let action = measure.map { SiteURL.planMeasure(id: plan.id, measureID: $0.id) } ?? .planNewMeasure(id: plan.id)
        return PageShell(title: title, breadcrumbs: crumbs(plan, title), context: req.pageContext, content: .div(
            .h1(.text(title)),
            adoptedNotice(plan),
            Forms.errorSummary(errors.keys.sorted().compactMap { errors[$0] }),
            .form(.method(.post), .action(action.path),
                Forms.csrf(req.pageContext),
                Forms.field("name", label: "Följetal", value: form["name"] ?? "", error: errors["name"], required: true),
                Forms.field("group", label: "Grupp", value: form["group"] ?? "", error: errors["group"], hint: "Rubriken det visas under, till exempel Personal - Sjukfrånvaro"),
                Forms.select("basicMissionId", label: "Grunduppdrag", choices: [("", "Inget")] + document.basicMissions.map { ($0.id, $0.title) }, chosen: form["basicMissionId"] ?? ""),
                Forms.field("approvedLevel", label: "Godkänd nivå", value: form["approvedLevel"] ?? "", error: errors["approvedLevel"], hint: "Som i planen, till exempel 70-100"),
                Forms.field("unit", label: "Enhet", value: form["unit"] ?? "", error: errors["unit"]),
                Forms.field("decimals", label: "Decimaler", value: form["decimals"] ?? "0", error: errors["decimals"]),
                textarea("note", "Not", form["note"] ?? "", errors["note"]),
                .button(.type(.submit), .class("primary"), .text("Spara följetal"))),
            .unwrap(measure) { measure in
                .form(.method(.post), .action(SiteURL.planMeasure(id: plan.id, measureID: measure.id).path), .class("actions"),
                      Forms.csrf(req.pageContext),
                      .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "up"), .text("Flytta uppåt")),
                      .button(.type(.submit), .attribute(named: "name", value: "action"), .attribute(named: "value", value: "down"), .text("Flytta nedåt")),
                      retireButton(measure.isActive, what: "följetalet"))
            }
        ))
    }
}
