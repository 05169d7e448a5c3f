import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `ActivityController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension ActivityController {
    static func body(_ document: Plan, _ record: ActivityPlan, activities: [Activity], assignments: [Assignment], period: Period,
                     mayPlan: Bool = false) -> Node<HTML.BodyContext> {
        let names = Dictionary(document.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let late = activities.filter { $0.isLate(asOf: period) }
        let due = assignments.filter { $0.isDueForReportBack(asOf: period) }
        let periodName = ValuesController.periodName(period).lowercased()
        func responsible(_ a: Activity) -> String { a.responsibleUnitID.map { names[$0] ?? $0 } ?? a.responsibleRole ?? "Ingen ansvarig angiven" }
        func statusText(_ a: Activity) -> String { a.statusText(asOf: period) }
        func activityTable(_ list: [Activity], caption: String) -> Node<HTML.BodyContext> {
            scrollableTable(label: caption, .table(.caption(.text(caption)),
                .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Aktivitet"), .th(.attribute(named: "scope", value: "col"), "Ansvarig"),
                           .th(.attribute(named: "scope", value: "col"), "Klart"), .th(.attribute(named: "scope", value: "col"), "Status"),
                           .th(.attribute(named: "scope", value: "col"), "Kommentar"))),
                .tbody(.forEach(list) { a in
                    .tr(.th(.attribute(named: "scope", value: "row"),
                            .if(mayPlan, .a(.href(SiteURL.planActivity(id: document.id, activityID: a.id).path), .attribute(named: "title", value: "Ändra aktiviteten"), .text(a.text)),
                                else: .text(a.text)),
                            .unwrap(a.carriedFrom) { .span(.class("hint"), .text(" Överförd från \($0)")) }),
                        .td(.text(responsible(a))), .td(.text(a.due?.description ?? "")),
                        .td(.text(statusText(a))), .td(.text(a.followUp(asOf: period)?.comment ?? "")))
                })))
        }
        // Per goal (and per assignment), in the plan's order; activities that serve nothing listed last.
        var byGoal: [(String, [Activity])] = document.goals.compactMap { goal in
            let mine = activities.filter { $0.links.contains(.goal(goal.id)) }
            return mine.isEmpty ? nil : ("\(document.municipality.goalLabel(goal.level)): \(goal.title)", mine)
        }
        for assignment in assignments {
            let mine = activities.filter { $0.links.contains(.assignment(assignment.id)) }
            if !mine.isEmpty { byGoal.append(("Uppdrag: \(assignment.number ?? assignment.text)", mine)) }
        }
        for document in record.steeringDocuments ?? [] {
            let mine = activities.filter { $0.links.contains(.steeringDocument(document.id)) }
            if !mine.isEmpty { byGoal.append(("Styrdokument: \(document.title)", mine)) }
        }
        let loose = activities.filter { $0.links.isEmpty }
        if !loose.isEmpty { byGoal.append(("Övriga aktiviteter", loose)) }
        let byUnit = Dictionary(grouping: activities, by: responsible).sorted { $0.key < $1.key }
        let year = period.year
        func quarterCell(_ a: Activity, _ q: Int) -> String {
            let start = a.start?.lastDay ?? Day(year: year, month: 1, day: 1)!
            guard let due = a.due?.lastDay else { return "" }
            let quarterEnd = Day(year: year, month: q * 3, day: Day.days(in: q * 3, of: year))!
            let quarterStart = Day(year: year, month: q * 3 - 2, day: 1)!
            guard quarterEnd >= start || (a.start == nil), quarterStart <= due else { return "" }
            return quarterEnd >= due ? (a.isLate(asOf: period) ? "▲ försenad" : "◆ klart") : "■"
        }
        return .div(
            .section(.h2(.text("Försenade aktiviteter \(periodName) (\(late.count))")),
                .if(late.isEmpty, .p("Inga aktiviteter är försenade."), else: activityTable(late, caption: "Försenade aktiviteter \(periodName)"))),
            .section(.h2(.text("Uppdrag att återrapportera \(periodName) (\(due.count))")),
                .if(due.isEmpty, .p("Inga uppdrag ska återrapporteras till och med perioden."), else: .ul(.forEach(due) { a in
                    .li(.text("\(a.text) – återrapporteras senast \(a.reportBy?.description ?? "")" + (a.coordinatingCommitteeID.map { " (samordnas av \(names[$0] ?? $0))" } ?? "")))
                }))),
            .section(.h2("Aktiviteter per mål"),
                .if(activities.isEmpty, .p("Planen har inga aktiviteter ännu.")),
                .forEach(byGoal) { title, list in .group(.h3(.text(title)), activityTable(list, caption: title)) }),
            .if(!activities.isEmpty, .section(.h2("Aktiviteter per ansvarig"),
                .forEach(byUnit) { unit, list in .group(.h3(.text(unit)), activityTable(list, caption: unit)) })),
            .if(!activities.isEmpty, .section(.h2(.text("Tidslinje \(year)")),
                scrollableTable(label: "Tidslinje \(year)", .table(.caption(.text("Aktiviteter per kvartal \(year): ■ pågår, ◆ klart senast, ▲ försenad")),
                    .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Aktivitet"),
                               .forEach(1...4) { .th(.attribute(named: "scope", value: "col"), .text("Kvartal \($0)")) })),
                    .tbody(.forEach(activities) { a in
                        .tr(.th(.attribute(named: "scope", value: "row"), .text(a.text)), .forEach(1...4) { .td(.text(quarterCell(a, $0))) })
                    }))))),
            .section(.h2("Uppdrag"),
                .if(assignments.isEmpty, .p("Planen anger inga uppdrag."),
                    else: EconomyController.fragment(.table(Table(name: "Uppdrag", caption: "Uppdrag från kommunfullmäktige och kommunstyrelsen",
                        header: ["Uppdrag", "Till", "Samordnande", "Återrapportering", "Svar", "Status"], numericColumns: [], rows: assignments.map { a in
                            Row([Cell(a.text), Cell(a.scope == .allCommittees ? "Samtliga nämnder" : a.committeeIDs.map { names[$0] ?? $0 }.joined(separator: ", ")),
                                 Cell(a.coordinatingCommitteeID.map { names[$0] ?? $0 } ?? ""), Cell(a.reportBy?.description ?? ""),
                                 Cell([a.response?.label, a.responseText].compactMap { $0 }.joined(separator: ": ")), Cell("\(a.status.symbol) \(a.status.label)")])
                        })), label: "Uppdrag")))
        )
    }

    /// The committee's prioritised steering documents (with their activities), competence supply and
    /// digitalisation plans, as the documents print them.
    static func otherPlans(_ document: Plan, _ record: ActivityPlan, activities: [Activity], period: Period) -> Node<HTML.BodyContext> {
        let planPeriod = PlanDocumentBuilder.planPeriod(years: document.planYears, budgetYear: document.budgetYear)
        let documents = record.steeringDocuments ?? [], competence = record.competenceSupply, digitalisation = record.digitalisation
        return .div(.id("ovriga-planer"),
            .if(!documents.isEmpty, .section(.h2("Prioriterade styrdokument"),
                EconomyController.fragment(.table(OtherPlanTables.steeringDocuments(documents, activities: activities, asOf: period)), label: "Prioriterade styrdokument"))),
            .unwrap(competence) { plan in
                .section(.h2("Kompetensförsörjning"),
                    .if(!plan.needs.isEmpty, EconomyController.fragment(.table(OtherPlanTables.competenceNeeds(plan.needs)), label: "Kompetensbehov")),
                    .unwrap(plan.strategy) { grid in .group(.h3(.text(grid.title)), EconomyController.fragment(.table(OtherPlanTables.grid(grid)), label: grid.title)) })
            },
            .unwrap(digitalisation) { plan in
                .section(.h2("Digitalisering"),
                    .forEach(DigitalisationPlan.Part.allCases.filter { !plan.items($0).isEmpty }) { part in
                        .group(.h3(.text(plan.heading(part, planPeriod: planPeriod))),
                               .ul(.forEach(plan.items(part)) { .li(.text($0)) }))
                    })
            })
    }

    /// *Aktiviteter och uppdrag* for a period: the units' roll-up, what is late and due, per goal and
    /// per responsible, the timeline, the other plans, and the follow-up form for reporters.
    static func page(_ req: Request, _ document: Plan, period: Period, units: [UnitPlan], mayReport: Bool, mayPlan: Bool, saved: Int?, removed: Bool) -> PageShell {
        let plan = document
        let content: Node<HTML.BodyContext>
        if let record = document.activityPlan ?? (units.isEmpty ? nil : ActivityPlan()) {
            let activities = record.activities, assignments = record.assignments
            let premises = record.premisesNeeds ?? []
            content = .group(
                .unwrap(saved) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0 == 1 ? "1 ändring sparad." : "\($0) ändringar sparade.")) },
                .if(removed, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Aktiviteten är borttagen."))),
                .if(mayPlan, .p(.a(.class("button"), .href(SiteURL.planNewActivity(id: plan.id).path), .text("Ny aktivitet")), .text(" "),
                                .a(.href(SiteURL.planOtherPlans(id: plan.id).path), .text("Ändra styrdokument och digitaliseringsplan")))),
                // A plan without unit plans has none to roll up.
                units.isEmpty ? .empty : rollUp(document, activities: activities, assignments: assignments, units: units, period: period),
                body(document, record, activities: activities, assignments: assignments, period: period, mayPlan: mayPlan),
                otherPlans(document, record, activities: activities, period: period),
                .if(!premises.isEmpty, .section(.h2("Lokalbehov"), EconomyController.fragment(.table(OtherPlanTables.premises(premises)), label: "Lokalbehov"))),
                .if(mayReport && !(activities.isEmpty && assignments.isEmpty), followUpForm(req, document, record, period: period, typed: nil, errors: [])))
        } else {
            content = .group(
                .if(mayPlan, .p(.a(.class("button"), .href(SiteURL.planNewActivity(id: plan.id).path), .text("Ny aktivitet")), .text(" "),
                                .a(.href(SiteURL.planOtherPlans(id: plan.id).path), .text("Ändra styrdokument och digitaliseringsplan")))),
                .p("Planen har inga aktiviteter eller uppdrag i Tertial ännu. Lägg till en aktivitet här, eller för in aktivitetsplanen med en planfil i utbytesformatet, version 2 (se README)."))
        }
        return PageShell(title: "Aktiviteter och uppdrag – \(plan.title)", breadcrumbs: EditController.crumbs(plan, "Aktiviteter och uppdrag"), context: req.pageContext,
                         content: .div(.h1(.text("Aktiviteter och uppdrag – \(plan.title)")),
                                       .form(.method(.get), .action(SiteURL.planActivities(id: plan.id).path), .class("inline-form"),
                                             Forms.select("period", label: "Uppföljningsperiod", choices: ValuesController.periods(document).map { ($0.description, ValuesController.periodName($0)) },
                                                          chosen: period.description),
                                             .button(.type(.submit), .text("Visa"))),
                                       content))
    }
}
