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

    static func page(_ req: Request, _ plan: Plan, form: Form, errors: [String: String]) -> PageShell {
        let choices = (PlanVersions.allowedTransitions[plan.status] ?? []).sorted { $0.rawValue < $1.rawValue }.map { ($0.rawValue, $0.label) }
        return PageShell(title: "Ändra status – \(plan.title)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)), Breadcrumb(title: "Ändra status", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Ändra status för \(plan.title)")),
            .p(.text("Nuvarande status: \(plan.status.label).")),
            Forms.errorSummary(errors.keys.sorted().compactMap { errors[$0] }),
            .if(choices.isEmpty, .p("Planen är ersatt och kan inte ändras.")),
            .if(!choices.isEmpty, .form(.method(.post), .action(SiteURL.planStatus(id: plan.id).path),
                Forms.csrf(req.pageContext),
                Forms.select("status", label: "Ny status", choices: [("", "Välj …")] + choices, chosen: form.status ?? ""),
                .fieldset(.element(named: "legend", text: "Beslut (krävs när planen fastställs)"),
                    Forms.field("body", label: "Beslutande organ", value: form.body ?? "", error: errors["body"]),
                    Forms.field("date", label: "Beslutsdatum", value: form.date ?? "", error: errors["date"], hint: "ÅÅÅÅ-MM-DD"),
                    Forms.field("paragraph", label: "Paragraf", value: form.paragraph ?? "", error: errors["paragraph"], hint: "Till exempel § 196"),
                    Forms.field("caseNumber", label: "Diarienummer", value: form.caseNumber ?? "", error: errors["caseNumber"], hint: "Till exempel SON 2020-34"),
                    .div(.class(errors["points"] == nil ? "field" : "field has-error"), .label(.for("f-points"), .text("Beslutspunkter, en per rad")),
                         .unwrap(errors["points"]) { .span(.class("error"), .text($0)) },
                         .textarea(.id("f-points"), .name("points"), .rows(5), .text(form.points ?? "")))),
                .button(.type(.submit), .class("primary"), .text("Spara status"))))
        ))
    }
}
