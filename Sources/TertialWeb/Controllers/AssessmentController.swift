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
        } catch let closed as PeriodLocks.Closed {
            errors["_period"] = closed.description
            return page(req, document, period: period, saved: saved, typed: typed, shown: form, errors: errors, savedCount: nil).response(status: .locked)
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

    /// Goals per goal area and status (goals without an area under "Övriga mål").
    static func areaChart(_ document: Plan, effective: [String: Attainment]) -> String? {
        AreaStatusChart.svg(AreaStatusChart.rows(document, effective: effective), id: "omraden")
    }
}
