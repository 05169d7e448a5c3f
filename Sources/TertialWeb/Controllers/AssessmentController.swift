import TertialDocuments
import Plot
import TertialCore
import TertialStore
import Vapor

/// Assessment and analysis per goal and year: the status computed from the indicators (rolled up
/// from contributing goals), an override that must be explained, and the analysis. The overview
/// counts goals by status and lists those still without an assessment, for the controller to chase.
enum AssessmentController {
    struct Typed { var override: String; var reason: String; var analysis: String }

    @Sendable static func show(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req).activeView
        let period = ValuesController.chosenPeriod(req.query[String.self, at: "period"], year: req.query[Int.self, at: "ar"], document)
        let saved = try await Assessments.history(planID: document.id, period: period, on: req.store)
        return page(req, document, period: period, saved: saved, typed: [:], shown: nil, errors: [:], savedCount: req.query[Int.self, at: "sparat"]).response()
    }

    @Sendable static func save(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req).activeView
        let form = try req.content.decode([String: String].self)
        let period = try ValuesController.postedPeriod(form, document)
        let year = period.year
        let saved = try await Assessments.history(planID: document.id, period: period, on: req.store)
        let computed = PlanEvaluation.goalStatuses(document, year: year, asOf: period, overrides: overrides(saved))
        var typed: [String: Typed] = [:], errors: [String: String] = [:], inputs: [Assessments.Input] = []
        for goal in document.goals {
            let t = Typed(override: form["o.\(goal.id)"] ?? "", reason: (form["r.\(goal.id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                          analysis: (form["a.\(goal.id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
            typed[goal.id] = t
            let expected = form["v.\(goal.id)"].map { Int($0) ?? -1 }
            // Only what the person changed is written: a goal they did not touch keeps what is stored
            // (its computed status refreshed when nobody has saved it since the page was made).
            guard WholePageForm.touched(form, fields(goal.id)) else {
                if let stored = saved[goal.id]?.last, let now = computed[goal.id], stored.assessment.computed != now, expected == stored.version {
                    inputs.append(.init(goalID: goal.id, computed: now, override: stored.assessment.override, reason: stored.assessment.reason,
                                        analysis: stored.analysis, expectedVersion: stored.version))
                }
                continue
            }
            let override = Attainment(rawValue: t.override)
            if !t.override.isEmpty, override == nil { errors[goal.id] = "\(goal.title): okänd bedömning."; continue }
            if override != nil && t.reason.isEmpty { errors[goal.id] = "\(goal.title): \(AssessmentError.overrideNeedsReason.description)." }
            if let problem = Assessments.textProblem(t.reason) { errors[goal.id] = "\(goal.title), motivering: \(problem)." }
            if let problem = Assessments.textProblem(t.analysis) { errors[goal.id] = "\(goal.title), analys: \(problem)." }
            inputs.append(.init(goalID: goal.id, computed: computed[goal.id] ?? .notAssessable, override: override,
                                reason: t.reason.isEmpty ? nil : t.reason, analysis: t.analysis.isEmpty ? nil : t.analysis,
                                expectedVersion: expected))
        }
        guard errors.isEmpty else {
            return page(req, document, period: period, saved: saved, typed: typed, shown: form, errors: errors, savedCount: nil).response(status: .unprocessableEntity)
        }
        let changed: Int
        do {
            changed = try await Assessments.save(planID: document.id, period: period, inputs, by: req.actor, on: req.store)
        } catch let conflict as Assessments.Conflict {
            // Nothing was saved. The page shows what is stored now (history) and keeps what this person
            // changed; its versions are the current ones, so saving again keeps this person's text.
            // Goals the person did not change show what is stored now.
            let now = try await Assessments.history(planID: document.id, period: period, on: req.store)
            let kept = document.goals.filter { WholePageForm.touched(form, fields($0.id)) }.map(\.id)
            typed = typed.filter { kept.contains($0.key) }
            for goalID in conflict.goalIDs {
                let goal = document.goals.first { $0.id == goalID }
                let latest = now[goalID]?.last
                errors[goalID] = "\(goal?.title ?? goalID): \(latest?.recordedBy ?? "någon") sparade en bedömning \(latest.map { SwedishDate.dateTime($0.recordedAt) } ?? "") "
                    + "efter att du öppnade sidan (se historiken). Inget sparades; din text finns kvar. Spara igen för att behålla den."
            }
            return page(req, document, period: period, saved: now, typed: typed, shown: nil, errors: errors, savedCount: nil).response(status: .conflict)
        }
        return req.redirect(to: SiteURL.planAssessment(id: document.id).path + "?period=\(period)&sparat=\(changed)", redirectType: .normal)
    }

    /// A goal's fields on the page: the override, its reason, the analysis.
    static func fields(_ goalID: String) -> [String] { ["o.\(goalID)", "r.\(goalID)", "a.\(goalID)"] }

    static func overrides(_ saved: [String: [Assessments.Entry]]) -> [String: Attainment] {
        saved.compactMapValues { $0.last?.assessment.override }
    }

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
            Forms.errorSummary(errors.values.sorted()),
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
                .ul(.forEach(missing) { .li(.a(.href("#b-\($0.id)".attributeEscaped), .text("\($0.level.label): \($0.title)"))) })),
            .form(.method(.post), .action(SiteURL.planAssessment(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("period"), .value(period.description)),
                .forEach(document.goals) { goal in
                    goalFieldset(goal, computed: computed[goal.id] ?? .notAssessable, history: saved[goal.id] ?? [], typed: typed[goal.id],
                                 shown: shown, error: errors[goal.id], choices: overrideChoices)
                },
                .button(.type(.submit), .class("primary"), .text("Spara bedömningar")))
        ))
    }

    /// Goals per goal area and status (goals without an area under "Övriga mål").
    static func areaChart(_ document: Plan, effective: [String: Attainment]) -> String? {
        var rows: [(area: String, counts: [Attainment: Int])] = document.goalAreas.map { area in
            (area.name, Dictionary(grouping: document.goals.filter { $0.goalAreaID == area.id }, by: { effective[$0.id] ?? .notAssessable }).mapValues(\.count))
        }
        let loose = document.goals.filter { $0.goalAreaID == nil }
        if !loose.isEmpty { rows.append(("Övriga mål", Dictionary(grouping: loose, by: { effective[$0.id] ?? .notAssessable }).mapValues(\.count))) }
        return AreaStatusChart.svg(rows.filter { !$0.counts.isEmpty }, id: "omraden")
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

    static func goalFieldset(_ goal: TertialCore.Goal, computed: Attainment, history: [Assessments.Entry], typed: Typed?, shown: [String: String]?, error: String?,
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
