import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// *Internkontroll*: the risk analysis on its scale with the risk matrix, the control plan, the year's
/// results per control occasion (reporters) and what is overdue at the chosen period; planners add and
/// change risks and their controls and change the scale (every value recalculated, the earlier ones kept).
enum InternalControlController {
    @Sendable static func show(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanController.readablePlan(req, facts)
        return page(req, facts, document, typed: nil, errors: []).response()
    }

    static func period(_ req: Request, _ document: Plan, year: Int, asked: String?) -> Period {
        ValuesController.chosenPeriod(asked ?? req.query[String.self, at: "period"], year: year, document)
    }

    /// The occasions a reporter may record at the period: each control's occasions of the year up to the
    /// period's end, or the period's end for a control without fixed occasions.
    static func occasions(_ control: Control, year: Int, through: Day) -> [Day] {
        guard let frequency = control.frequency, case .timesPerYear = frequency else {
            return Set(control.results.map(\.occasion).filter { $0 <= through } + [through]).sorted()
        }
        return Set(frequency.occasions(in: year).filter { $0 <= through } + control.results.map(\.occasion).filter { $0 <= through }).sorted()
    }

    static func key(_ control: Control, _ day: Day) -> String { "\(control.id).\(day)" }

    @Sendable static func saveResults(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanReads.plan(facts.plan.id!, on: req.store)
        guard let control = document.internalControl else { throw Abort(.unprocessableEntity, reason: "Planen har ingen internkontroll i Tertial.") }
        let form = try req.content.decode([String: String].self)
        let chosen = try ValuesController.postedPeriod(form, document)
        let through = Day.end(of: chosen)
        var inputs: [InternalControls.ResultInput] = [], errors: [Forms.Problem] = []
        // Only the results the person changed are written, each checked against the version its page
        // showed (see WholePageForm); a form without shown values is checked as a whole, as before.
        let itemwise = WholePageForm.carriesShownValues(form)
        var items: [[String]] = []
        for risk in control.plannedRisks {
            for c in risk.controls {
                for day in occasions(c, year: control.year, through: through) {
                    let k = key(c, day)
                    items.append(resultFields(k))
                    guard let raw = form["s.\(k)"], WholePageForm.touched(form, resultFields(k)) else { continue }
                    let findings = EditController.clean(form["f.\(k)"]), measures = EditController.clean(form["m.\(k)"])
                    for (label, text) in [("avvikelser", findings), ("åtgärder", measures)] {
                        if let text, let problem = ValueText.formProblem(text, maxLength: TextLimits.text) { errors.append(.init("\(c.control), \(label): \(problem).", at: "r-\(k)")) }
                    }
                    let none = raw.isEmpty || raw == "-"
                    let status = none ? nil : ControlResult.Status(rawValue: raw)
                    if !none, status == nil { errors.append(.init("\(c.control): okänt resultat.", at: "r-\(k)")); continue }
                    if status == nil, findings != nil || measures != nil { errors.append(.init("\(c.control), tillfälle \(day): välj ett resultat för det du skrev.", at: "r-\(k)")); continue }
                    if status == .deviations || status == .resolved, findings == nil {
                        errors.append(.init("\(c.control), tillfälle \(day): beskriv avvikelserna.", at: "r-\(k)")); continue
                    }
                    if status == .deviations, measures == nil { errors.append(.init("\(c.control), tillfälle \(day): skriv vilka åtgärder som vidtas.", at: "r-\(k)")); continue }
                    inputs.append(.init(controlID: c.id, occasion: day, status: status, findings: findings, measures: measures,
                                        expectedVersion: itemwise ? form["iv.\(k)"] ?? "" : nil))
                }
            }
        }
        guard errors.isEmpty else {
            return page(req, facts, document, typed: form, errors: errors).response(status: .unprocessableEntity)
        }
        do {
            let changed = try await InternalControls.saveResults(planID: document.id, inputs, expected: itemwise ? nil : form["v"], by: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planInternalControl(id: document.id).path + "?period=\(chosen)&sparat=\(changed)#resultat", redirectType: .normal)
        } catch let closed as PeriodLocks.Closed {
            return page(req, facts, document, typed: form, errors: [.init(closed.description)]).response(status: .locked)
        } catch let conflict as InternalControls.Conflict {
            // Only what this person changed is kept; every other result shows what is stored now.
            let now = try await PlanReads.plan(document.id, on: req.store)
            var keep = itemwise ? WholePageForm.keptAfterConflict(form, items: items) : form
            keep["period"] = form["period"]
            keep["v"] = now.internalControl.map(InternalControls.fingerprint)
            let named = conflict.results.map { key -> Forms.Problem in
                let control = control.risks.flatMap(\.controls).first { key.hasPrefix($0.id + ".") }
                return .init("\(control?.control.prefix(120) ?? "Kontrollmoment"), tillfälle \(key.split(separator: ".").last ?? ""): ändrat av någon annan (se sidan nedan).",
                             at: "r-\(key)")
            }
            return page(req, facts, now, typed: keep, errors: [.init(Forms.staleForm("sparade", "internkontrollen"))] + named)
                .response(status: .conflict)
        }
    }

    /// A result's fields on the page: the result, the deviations, the measures.
    static func resultFields(_ key: String) -> [String] { ["s.\(key)", "f.\(key)", "m.\(key)"] }
}
