import Plot
import TertialCore
import TertialStore
import Vapor

/// The pages of `EditController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension EditController {
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
