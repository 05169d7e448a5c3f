import Plot
import TertialCore
import TertialStore
import Vapor

/// Moving a plan through utkast → förslag → fastställd → ersatt. Adopting records the decision
/// and freezes a version.
enum StatusController {
    struct Form: Content {
        var status: String?
        var body: String?
        var date: String?
        var paragraph: String?
        var caseNumber: String?
        var points: String?
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let plan = try await EditController.typedPlan(req)
        let owner = try await Catalogue.unitName(plan.ownerUnitID, on: req.store) ?? ""
        let form = Form(status: nil, body: plan.decision?.body ?? owner, date: plan.decision?.date?.description, paragraph: plan.decision?.paragraph,
                        caseNumber: plan.decision?.caseNumber, points: plan.decision?.points.joined(separator: "\n"))
        return page(req, plan, form: form, errors: [:]).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let plan = try await EditController.typedPlan(req)
        let form = try req.content.decode(Form.self)
        var errors: [String: String] = [:]
        guard let status = form.status.flatMap(PlanStatus.init(rawValue:)) else {
            errors["status"] = "Välj en ny status."
            return page(req, plan, form: form, errors: errors).response(status: .unprocessableEntity)
        }
        func clean(_ s: String?) -> String? { s.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 } }
        var decision: Decision?
        if status == .adopted {
            if clean(form.body) == nil { errors["body"] = "Ange vilket organ som fattade beslutet." }
            var day: Day?
            if let date = clean(form.date) {
                day = Day(date)
                if day == nil { errors["date"] = "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2024-03-15." }
            } else {
                errors["date"] = "Ange beslutsdatum."
            }
            decision = Decision(body: clean(form.body) ?? "", date: day, paragraph: clean(form.paragraph),
                                      caseNumber: clean(form.caseNumber),
                                      points: (form.points ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        guard errors.isEmpty else { return page(req, plan, form: form, errors: errors).response(status: .unprocessableEntity) }
        do {
            try await PlanVersions.transition(planID: plan.id, to: status, decision: decision, by: req.actor, on: req.store)
        } catch let error as PlanVersions.TransitionError {
            errors["status"] = error.description
            return page(req, plan, form: form, errors: errors).response(status: .unprocessableEntity)
        } catch let invalid as PlanEditor.Invalid {
            // Field names as the format has them: body, date, paragraph, caseNumber, points.
            for (field, message) in invalid.fields { errors[field == "allmänt" ? "status" : field] = message }
            return page(req, plan, form: form, errors: errors).response(status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.plan(id: plan.id).path, redirectType: .normal)
    }
}
