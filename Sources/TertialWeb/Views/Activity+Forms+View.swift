import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `ActivityController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension ActivityController {
    static func followUpForm(_ req: Request, _ document: Plan, _ record: ActivityPlan, period: Period,
                             typed: [String: String]?, errors: [String]) -> Node<HTML.BodyContext> {
        let activities = record.activities, assignments = record.assignments
        let plan = document
        func value(_ key: String, _ stored: String) -> String { typed?[key] ?? stored }
        /// What the page showed for a field (kept from the person's page after a validation error).
        func was(_ key: String, _ stored: String) -> Node<HTML.FormContext> { WholePageForm.shown(key, value(WholePageForm.prefix + key, stored)) }
        func percent(_ followUp: ActivityFollowUp?) -> String { followUp?.percentComplete.map(String.init) ?? "" }
        func version(_ key: String, _ stored: String) -> Node<HTML.FormContext> {
            .input(.type(.hidden), .name(key.attributeEscaped), .value(value(key, stored).attributeEscaped))
        }
        return .section(.id("uppfoljning"), .h2(.text("Följ upp \(ValuesController.periodName(period).lowercased())")),
            Forms.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.planActivities(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("period"), .value(period.description)),
                .input(.type(.hidden), .name("v"), .value(value("v", ActivityPlans.fingerprint(record)).attributeEscaped)),
                .forEach(activities) { a in
                    let current = a.followUps.first { $0.period == period }
                    let status = (current?.status ?? a.followUp(asOf: period)?.status ?? .notStarted).rawValue
                    return .fieldset(.class("follow-up"),
                        .element(named: "legend", text: a.text),
                        .p(.text("Klart: \(a.due?.description ?? "ej angivet") · Status nu: \(a.statusText(asOf: period))")),
                        version("iv.\(a.id)", ActivityPlans.itemVersion(followUpOf: a, period: period)),
                        was("s.\(a.id)", status), was("k.\(a.id)", current?.comment ?? ""), was("p.\(a.id)", percent(current)),
                        .div(.class("field-row"),
                             Forms.select("s.\(a.id)", label: "Status", choices: statusChoices, chosen: value("s.\(a.id)", status)),
                             Forms.field("p.\(a.id)", label: "Andel klart (0–100 %)", value: value("p.\(a.id)", percent(current)))),
                        EditController.textarea("k.\(a.id)", "Kommentar \(period.label)", value("k.\(a.id)", current?.comment ?? ""), nil))
                },
                .forEach(assignments) { a in
                    .fieldset(.class("follow-up"),
                        .element(named: "legend", text: "Uppdrag: \(a.text)"),
                        version("iv.\(a.id)", ActivityPlans.itemVersion(of: a)),
                        was("as.\(a.id)", a.status.rawValue), was("ar.\(a.id)", a.response?.rawValue ?? ""), was("at.\(a.id)", a.responseText ?? ""),
                        .div(.class("field-row"),
                             Forms.select("as.\(a.id)", label: "Status", choices: statusChoices, chosen: value("as.\(a.id)", a.status.rawValue)),
                             Forms.select("ar.\(a.id)", label: "Svar", choices: [("", "Inget svar ännu")] + Assignment.Response.allCases.map { ($0.rawValue, $0.label) },
                                          chosen: value("ar.\(a.id)", a.response?.rawValue ?? ""))),
                        EditController.textarea("at.\(a.id)", "Svarets text", value("at.\(a.id)", a.responseText ?? ""), nil))
                },
                .button(.type(.submit), .class("primary"), .text("Spara uppföljningen"))))
    }

    static func activityPage(_ req: Request, _ document: Plan, editing: Activity?, typed: [String: String], errors: [String: String]) -> PageShell {
        let plan = document
        let record = document.activityPlan ?? ActivityPlan()
        let title = editing == nil ? "Ny aktivitet" : "Ändra aktiviteten"
        let action = editing.map { SiteURL.planActivity(id: plan.id, activityID: $0.id) } ?? SiteURL.planNewActivity(id: plan.id)
        let fingerprint = typed["v"] ?? ActivityPlans.fingerprint(record)
        let followedUp = !(editing?.followUps ?? []).isEmpty
        return PageShell(title: title, breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                     Breadcrumb(title: "Aktiviteter och uppdrag", url: .planActivities(id: plan.id)), Breadcrumb(title: title, url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("\(title) – \(plan.title)")),
            Forms.errorSummary(errors.sorted { $0.key < $1.key }.map(\.value)),
            .form(.method(.post), .action(action.path),
                Forms.csrf(req.pageContext),
                .if(editing != nil, .input(.type(.hidden), .name("v"), .value(fingerprint.attributeEscaped))),
                .div(.class(errors["text"] == nil ? "field" : "field has-error"), .label(.for("f-text"), .text("Aktivitet")),
                     .unwrap(errors["text"]) { .span(.class("error"), .text($0)) },
                     .textarea(.id("f-text"), .name("text"), .rows(3), .text(typed["text"] ?? ""))),
                Forms.select("mal", label: "Mål", choices: [("", "Inget mål")] + document.goals.map { ($0.id, "\(document.municipality.goalLabel($0.level)): \($0.title)") }, chosen: typed["mal"] ?? ""),
                Forms.select("uppdrag", label: "Uppdrag", choices: [("", "Inget uppdrag")] + record.assignments.map { ($0.id, String($0.text.prefix(90))) }, chosen: typed["uppdrag"] ?? ""),
                .if(!(record.steeringDocuments ?? []).isEmpty,
                    .fieldset(.element(named: "legend", text: "Prioriterade styrdokument som aktiviteten tjänar"),
                              .forEach(record.steeringDocuments ?? []) { d in AccountsController.checkbox("styrdokument.\(d.id)", d.title, typed["styrdokument.\(d.id)"] != nil) })),
                Forms.select("enhet", label: "Ansvarig enhet", choices: [("", "Ingen enhet")] + document.units.map { ($0.id, $0.name) },
                             chosen: typed["enhet"] ?? (editing == nil ? plan.ownerUnitID : "")),
                Forms.field("roll", label: "Ansvarig roll", value: typed["roll"] ?? "", error: errors["roll"], hint: "Till exempel Enhetschef IFO"),
                .div(.class("field-row"),
                     Forms.field("start", label: "Start", value: typed["start"] ?? "", error: errors["start"], hint: "Kvartal 1, Q1 2025, 2025-01-15 eller maj"),
                     Forms.field("klart", label: "Klart", value: typed["klart"] ?? "", error: errors["klart"], hint: "Kvartal 3, Q3 2025, 2025-09-30, maj eller senast i maj")),
                .button(.type(.submit), .class("primary"), .text(editing == nil ? "Lägg till aktiviteten" : "Spara ändringarna"))),
            .unwrap(editing) { activity in
                .section(.h2("Ta bort"),
                    .if(followedUp,
                        .p("Aktiviteten har följts upp och kan inte tas bort. Sätt status Avbruten i uppföljningen i stället, så syns den i rapporterna."),
                        else: .form(.method(.post), .action(SiteURL.planActivity(id: plan.id, activityID: activity.id).path),
                                    Forms.csrf(req.pageContext),
                                    .input(.type(.hidden), .name("v"), .value(fingerprint.attributeEscaped)),
                                    .input(.type(.hidden), .name("action"), .value("remove")),
                                    .button(.type(.submit), .text("Ta bort aktiviteten")))))
            }))
    }

    /// The follow-up form again after a refusal or a conflict, with what was typed and the messages.
    static func followUpAgain(_ req: Request, _ document: Plan, _ record: ActivityPlan, period: Period, typed: [String: String], errors: [String]) -> PageShell {
        PageShell(title: "Aktiviteter och uppdrag – \(document.title)", breadcrumbs: EditController.crumbs(document, "Aktiviteter och uppdrag"),
                  context: req.pageContext, content: .div(.h1(.text("Aktiviteter och uppdrag – \(document.title)")),
                      followUpForm(req, document, record, period: period, typed: typed, errors: errors),
                      body(document, record, activities: record.activities, assignments: record.assignments, period: period)))
    }
}
