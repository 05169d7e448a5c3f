import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `AssessmentController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension AssessmentController {
    /// The computed status uses the targets of the period's year: a tertial or delår is assessed
    /// against the year's targets, with the forecast where no outcome is reported.
    /// `shown`: after a validation error, the form as posted (the values and versions the person's
    /// page showed stay, so a colleague's save in between is still noticed).
    static func page(_ req: Request, _ document: Plan, period: Period, saved: [String: [Assessments.Entry]], typed: [String: Typed],
                     shown: [String: String]?, errors: [String: String], savedCount: Int?) -> PageShell {
        let plan = document
        let year = period.year
        let name = period.label
        let computed = PlanEvaluation.goalStatuses(document, year: year, asOf: period, overrides: overrides(saved))
        let effective = Dictionary(uniqueKeysWithValues: document.goals.map { goal in
            (goal.id, saved[goal.id]?.last?.assessment.effective ?? computed[goal.id] ?? .notAssessable)
        })
        let counts = Attainment.allCases.map { status in (status, document.goals.filter { effective[$0.id] == status }.count) }
        let missing = document.goals.filter { saved[$0.id] == nil }
        let overrideChoices = [("", "Ingen ändring – använd beräknad status")] + Attainment.allCases.map { ($0.rawValue, $0.label) }
        return PageShell(title: "Bedömning \(name)", breadcrumbs: EditController.crumbs(plan, "Bedömning \(name)"), context: req.pageContext, content: .div(
            .h1(.text("Bedömning och analys \(name) – \(plan.title)")),
            DocumentController.menu(planID: plan.id, years: plan.planYears, report: ReportKind(period: period).map { ($0, year) }),
            .unwrap(savedCount) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0 == 1 ? "1 bedömning sparad." : "\($0) bedömningar sparade.")) },
            Forms.errorSummary(problems: errors.map { Forms.Problem($0.value, at: $0.key.hasPrefix("_") ? nil : "b-\($0.key)") }
                .sorted { $0.message < $1.message }),
            .form(.method(.get), .action(SiteURL.planAssessment(id: plan.id).path), .class("inline-form"),
                  Forms.select("period", label: "Period", choices: ValuesController.periods(document).map { ($0.description, ValuesController.periodName($0)) },
                               chosen: period.description),
                  .button(.type(.submit), .text("Visa"))),
            .section(.h2("Översikt"),
                .table(.caption(.text("Mål per status \(name)")),
                    .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Status"), .th(.attribute(named: "scope", value: "col"), .class("num"), "Antal mål"))),
                    .tbody(.forEach(counts) { status, count in
                        .tr(.th(.attribute(named: "scope", value: "row"), .span(.class("status inline status-\(status.rawValue)"), .text("\(status.symbol) \(status.label)"))),
                            .td(.class("num"), .text(String(count))))
                    })),
                .unwrap(areaChart(document, effective: effective)) { svg in .div(.class("chart-box"), .raw(svg)) },
                areaTable(document, effective: effective, name: name),
                .h3(.text("Saknar bedömning (\(missing.count))")),
                .if(missing.isEmpty, .p("Alla mål är bedömda.")),
                .ul(.forEach(missing) { .li(.a(.href("#b-\($0.id)".attributeEscaped), .text("\(document.municipality.goalLabel($0.level)): \($0.title)"))) })),
            .form(.method(.post), .action(SiteURL.planAssessment(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("period"), .value(period.description)),
                .forEach(document.goals) { goal in
                    goalFieldset(goal, period: period, computed: computed[goal.id] ?? .notAssessable, history: saved[goal.id] ?? [], typed: typed[goal.id],
                                 shown: shown, error: errors[goal.id], choices: overrideChoices)
                },
                .button(.type(.submit), .class("primary"), .text("Spara bedömningar")))
        ))
    }

    /// The chart's figures as a table: goals per goal area and status.
    static func areaTable(_ document: Plan, effective: [String: Attainment], name: String) -> Node<HTML.BodyContext> {
        var areas: [(String, [TertialCore.Goal])] = document.goalAreas.map { area in (area.name, document.goals.filter { $0.goalAreaID == area.id }) }
        let loose = document.goals.filter { $0.goalAreaID == nil }
        if !loose.isEmpty { areas.append(("Övriga mål", loose)) }
        return scrollableTable(label: "Måluppfyllelse per målområde", .table(
            .caption(.text("Måluppfyllelse per målområde \(name)")),
            .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Målområde"),
                       .forEach(Attainment.allCases) { .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0.label)) })),
            .tbody(.forEach(areas.filter { !$0.1.isEmpty }) { area, goals in
                .tr(.th(.attribute(named: "scope", value: "row"), .text(area)),
                    .forEach(Attainment.allCases) { status in .td(.class("num"), .text(String(goals.filter { effective[$0.id] == status }.count))) })
            })))
    }

    /// What the computed status came from: each indicator's figure for the period (the outcome, or the
    /// forecast where no outcome is reported), its target for the year and its status.
    static func basis(_ goal: TertialCore.Goal, period: Period, policy: EvaluationPolicy = .standard) -> Node<HTML.FormContext> {
        let indicators = goal.indicators.filter(\.isActive)
        guard !indicators.isEmpty else { return .empty }
        return .element(named: "details", nodes: [.class("basis"), .attribute(named: "open", value: "open"),
            .element(named: "summary", text: "Underlag för den beräknade statusen"),
            scrollableTable(label: "Underlag för \(goal.title)", .table(.caption(.text("Indikatorer för \(goal.title), \(period.label)")),
                .thead(.tr(Forms.columnHeading("Indikator"), Forms.columnHeading("Värde som används"), Forms.columnHeading("Mål \(period.year)"),
                           Forms.columnHeading("Status"))),
                .tbody(.forEach(indicators) { indicator in
                    let evaluation = PlanEvaluation.indicatorStatus(indicator, year: period.year, asOf: period, policy: policy)
                    let figure = evaluation.map { FollowUpReportBuilder.usedFigure($0).trimmingCharacters(in: CharacterSet(charactersIn: " ()")) } ?? ""
                    return .tr(.th(.attribute(named: "scope", value: "row"), .text(indicator.name)),
                               .td(.text(figure.isEmpty ? "Inget värde rapporterat" : figure)),
                               .td(.class("num"), .text(indicator.targets[period.year]?.text ?? "Inget mål")),
                               .td(.text(evaluation.map { "\($0.attainment.symbol) \($0.attainment.label)" } ?? "–")))
                })))])
    }

    static func goalFieldset(_ goal: TertialCore.Goal, period: Period, computed: Attainment, history: [Assessments.Entry], typed: Typed?, shown: [String: String]?, error: String?,
                             choices: [(String, String)]) -> Node<HTML.FormContext> {
        let current = history.last
        let id = goal.id
        // What the page showed: the stored assessment, or (after a validation error) what the person's page showed.
        func was(_ name: String, _ stored: String) -> String { shown?[WholePageForm.prefix + name] ?? stored }
        let override = typed?.override ?? current?.assessment.override?.rawValue ?? ""
        let reason = typed?.reason ?? current?.assessment.reason ?? ""
        let analysis = typed?.analysis ?? current?.analysis ?? ""
        return .fieldset(.id("b-\(id)".attributeEscaped), .class(error == nil ? "assessment" : "assessment has-error"),
            .element(named: "legend", text: "\(goal.level.label): \(goal.title)"),
            .p(.text("Beräknad status: "), .span(.class("status inline status-\(computed.rawValue)"), .text("\(computed.symbol) \(computed.label)")),
               .if(goal.qualitative, .text(" (kvalitativt mål – bedöms i text)"))),
            basis(goal, period: period),
            .unwrap(error) { .p(.class("error"), .text($0)) },
            .input(.type(.hidden), .name("v.\(id)".attributeEscaped), .value((shown?["v.\(id)"] ?? String(current?.version ?? 0)).attributeEscaped)),
            WholePageForm.shown("o.\(id)", was("o.\(id)", current?.assessment.override?.rawValue ?? "")),
            WholePageForm.shown("r.\(id)", was("r.\(id)", current?.assessment.reason ?? "")),
            WholePageForm.shown("a.\(id)", was("a.\(id)", current?.analysis ?? "")),
            Forms.select("o.\(id)", label: "Ändrad bedömning", choices: choices, chosen: override),
            EditController.textarea("r.\(id)", "Motivering (krävs vid ändrad bedömning)", reason, nil),
            EditController.textarea("a.\(id)", "Analys", analysis, nil),
            .if(!history.isEmpty, .element(named: "details", nodes: [.class("history"),
                .element(named: "summary", text: "Historik (\(history.count))"),
                .ul(.forEach(history) { entry in
                    .li(.text("\(SwedishDate.dateTime(entry.recordedAt)) \(entry.recordedBy): \(entry.assessment.effective.label)"
                              + (entry.assessment.reason.map { " – \($0)" } ?? "") + (entry.analysis.map { " · Analys: \($0)" } ?? "")))
                })])))
    }
}
