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
}
