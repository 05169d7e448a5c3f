import Plot
import TertialCore
import TertialStore
import Vapor

/// The pages of `StatusController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension StatusController {
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
