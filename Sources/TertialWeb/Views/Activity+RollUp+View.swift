import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `ActivityController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension ActivityController {
    static func rollUp(_ document: Plan, activities: [Activity], assignments: [Assignment], units: [UnitPlan], period: Period) -> Node<HTML.BodyContext> {
        guard !units.isEmpty else { return .empty }
        func names(_ doc: Plan) -> [String: String] { Dictionary(doc.units.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }) }
        var plans = [FollowUpChase.Plan(source: Source(planTitle: document.title, unitNames: names(document)), activities: activities, assignments: assignments)]
        for unit in units {
            let typed = unit.plan.activityPlan
            plans.append(.init(source: Source(planTitle: "\(unit.plan.title) (\(unit.ownerName))", unitNames: names(unit.plan)),
                               activities: typed?.activities ?? [], assignments: typed?.assignments ?? []))
        }
        let chase = FollowUpChase(plans, asOf: period)
        let periodName = ValuesController.periodName(period).lowercased()
        let summary = "Omfattar \(document.title) och \(units.count == 1 ? "en enhetsplan" : "\(units.count) enhetsplaner"): "
            + units.map { "\($0.plan.title) (\($0.ownerName))" }.joined(separator: ", ") + "."
        return .section(.id("enheter"), .h2(.text("Nämnden och dess enheter, \(periodName)")), .p(.text(summary)),
            .h3(.text("Försenade aktiviteter (\(chase.late.count))")),
            .if(chase.late.isEmpty, .p("Inga aktiviteter är försenade i nämnden eller dess enheter."), else: lateTable(chase.late, period: period, periodName: periodName)),
            .h3(.text("Uppdrag att återrapportera (\(chase.due.count))")),
            .if(chase.due.isEmpty, .p("Inga uppdrag ska återrapporteras till och med perioden i nämnden eller dess enheter."),
                else: dueTable(chase.due, periodName: periodName)),
            .h3("Enheternas mål"),
            unitGoals(document, units: units, period: period, periodName: periodName))
    }

    static func lateTable(_ late: [(source: Source, activity: Activity)], period: Period, periodName: String) -> Node<HTML.BodyContext> {
        func responsible(_ a: Activity, _ s: Source) -> String { a.responsibleUnitID.map { s.unitNames[$0] ?? $0 } ?? a.responsibleRole ?? "Ingen ansvarig angiven" }
        func row(_ source: Source, _ a: Activity) -> Node<HTML.TableContext> {
            .tr(.td(.text(source.planTitle)), .th(.attribute(named: "scope", value: "row"), .text(a.text)), .td(.text(responsible(a, source))),
                .td(.text(a.due?.description ?? "")), .td(.text("▲ Försenad")), .td(.text(a.followUp(asOf: period)?.comment ?? "")))
        }
        return scrollableTable(label: "Försenade aktiviteter i nämnden och dess enheter", .table(
            .caption(.text("Försenade aktiviteter i nämnden och dess enheter, \(periodName)")),
            .thead(.tr(Forms.columnHeading("Plan"), Forms.columnHeading("Aktivitet"), Forms.columnHeading("Ansvarig"), Forms.columnHeading("Klart"), Forms.columnHeading("Status"), Forms.columnHeading("Kommentar"))),
            .tbody(.forEach(late) { row($0.source, $0.activity) })))
    }

    static func dueTable(_ due: [(source: Source, assignment: Assignment)], periodName: String) -> Node<HTML.BodyContext> {
        func row(_ source: Source, _ a: Assignment) -> Node<HTML.TableContext> {
            let coordinator = a.coordinatingCommitteeID.map { source.unitNames[$0] ?? $0 } ?? ""
            return .tr(.td(.text(source.planTitle)), .th(.attribute(named: "scope", value: "row"), .text(a.number.map { "\($0) \(a.text)" } ?? a.text)),
                       .td(.text(a.reportBy?.description ?? "")), .td(.text(coordinator)))
        }
        return scrollableTable(label: "Uppdrag att återrapportera i nämnden och dess enheter", .table(
            .caption(.text("Uppdrag att återrapportera i nämnden och dess enheter, \(periodName)")),
            .thead(.tr(Forms.columnHeading("Plan"), Forms.columnHeading("Uppdrag"), Forms.columnHeading("Återrapporteras senast"), Forms.columnHeading("Samordnas av"))),
            .tbody(.forEach(due) { row($0.source, $0.assignment) })))
    }

    /// Per committee goal, the unit goals that break it down, with their status at the period.
    static func unitGoals(_ document: Plan, units: [UnitPlan], period: Period, periodName: String) -> Node<HTML.BodyContext> {
        let statuses = units.map { PlanEvaluation.goalStatuses($0.plan, year: period.year, asOf: period) }
        var breakdown: [(goal: TertialCore.Goal, below: [(unit: UnitPlan, goal: TertialCore.Goal, status: Attainment)])] = []
        for goal in document.goals where goal.level != .council {
            var below: [(unit: UnitPlan, goal: TertialCore.Goal, status: Attainment)] = []
            for (i, unit) in units.enumerated() {
                for unitGoal in unit.plan.goals where unitGoal.parentGoalIDs.contains(goal.id) {
                    below.append((unit, unitGoal, statuses[i][unitGoal.id] ?? .notAssessable))
                }
            }
            if !below.isEmpty { breakdown.append((goal, below)) }
        }
        guard !breakdown.isEmpty else { return .p("Inga enhetsmål är kopplade till nämndens mål.") }
        func row(_ entry: (unit: UnitPlan, goal: TertialCore.Goal, status: Attainment)) -> Node<HTML.TableContext> {
            .tr(.td(.text(entry.unit.ownerName)), .th(.attribute(named: "scope", value: "row"), .text(entry.goal.title)),
                .td(.text(String(entry.goal.indicators.count))), .td(.text("\(entry.status.symbol) \(entry.status.label)")))
        }
        return .forEach(breakdown) { entry in
            .group(.h4(.text("\(document.municipality.goalLabel(entry.goal.level)): \(entry.goal.title)")),
                   scrollableTable(label: "Enhetsmål under \(entry.goal.title)", .table(
                       .caption(.text("Enhetsmål under \(entry.goal.title), \(periodName)")),
                       .thead(.tr(Forms.columnHeading("Enhet"), Forms.columnHeading("Enhetsmål"), Forms.columnHeading("Indikatorer"), Forms.columnHeading("Status"))),
                       .tbody(.forEach(entry.below, row)))))
        }
    }
}
