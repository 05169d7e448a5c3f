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

    static func page(_ req: Request, _ facts: PlanFacts, _ document: Plan, typed: [String: String]?, errors: [String]) -> PageShell {
        let plan = document
        let mayReport = AccessPolicy.allows(req.principal, .reportValues(chain: facts.chain))
        let mayPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
        let title = "Internkontroll – \(plan.title)"
        var content: [Node<HTML.BodyContext>] = [.h1(.text(title))]
        if req.query[Int.self, at: "skala"] != nil {
            content.append(.p(.class("notice"), .attribute(named: "role", value: "status"), .text("Skalan är bytt och riskvärdena omräknade; de tidigare värdena finns under Tidigare bedömningar.")))
        }
        if let saved = req.query[Int.self, at: "sparat"] {
            content.append(.p(.class("notice"), .attribute(named: "role", value: "status"), .text(saved == 1 ? "1 ändring sparad." : "\(saved) ändringar sparade.")))
        }
        guard let control = document.internalControl else {
            content.append(.p("Planen har ingen riskanalys eller internkontrollplan i Tertial ännu."))
            if mayPlan { content.append(.p(.a(.class("button"), .href(SiteURL.planRisk(id: plan.id, riskID: "ny").path), .text("Ny risk")))) }
            return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, "Internkontroll"), context: req.pageContext, content: .div(.group(content)))
        }
        let chosen = period(req, document, year: control.year, asked: typed?["period"])
        let through = Day.end(of: chosen)
        let scale = control.scale
        content.append(.form(.method(.get), .action(SiteURL.planInternalControl(id: plan.id).path), .class("inline-form"),
            Forms.select("period", label: "Uppföljningsperiod", choices: ValuesController.periods(document).filter { $0.year == control.year }
                            .map { ($0.description, ValuesController.periodName($0)) }, chosen: chosen.description),
            .button(.type(.submit), .text("Visa"))))
        if mayPlan {
            content.append(.p(.a(.class("button"), .href(SiteURL.planRisk(id: plan.id, riskID: "ny").path), .text("Ny risk")), .text(" "),
                              .a(.href(SiteURL.planRiskScale(id: plan.id).path), .text("Ändra skalan"))))
        }
        let overdue = control.overdue(through: through)
        content.append(.section(.h2(.text("Försenade kontroller till och med \(through) (\(overdue.count))")),
            .if(overdue.isEmpty, .p("Alla kontrolltillfällen till och med perioden har ett resultat."),
                else: .ul(.forEach(overdue) { item in
                    .li(.text("\(item.control.control) – tillfälle \(item.occasion), ansvarig \(item.control.responsible ?? "ej angiven") (\(item.risk.process))"))
                }))))
        let figure = InternalControlTables.matrix(control)
        content.append(.section(.h2(.text("Riskanalys \(control.year)")),
            .p(.text("Riskvärde = sannolikhet × \(scale.consequenceName.lowercased()) på en skala \(scale.likelihood.count)×\(scale.consequence.count). "
                     + "Risker med riskvärde \(scale.threshold) eller högre tas in i internkontrollplanen; en risk under gränsen tas in med en skriven motivering.")),
            .element(named: "figure", nodes: [.class("chart"), .raw(figure.svg), .element(named: "figcaption", text: figure.title)]),
            EconomyController.fragment(.table(InternalControlTables.riskAnalysis(control)), label: "Riskanalys"),
            .if(mayPlan, .ul(.class("link-list"), .forEach(Array(control.risks.enumerated())) { i, risk in
                .li(.a(.href(SiteURL.planRisk(id: plan.id, riskID: risk.id).path), .text("Ändra R\(i + 1): \(risk.process)" + (risk.risk.map { " – \($0.prefix(60))" } ?? ""))))
            })),
            EconomyController.fragment(.table(InternalControlTables.scaleLegend(scale)), label: "Skala")))
        content.append(.section(.h2("Internkontrollplan"),
            .forEach(InternalControlTables.controlPlan(control, layout: .full)) { _, table in EconomyController.fragment(.table(table), label: "Internkontrollplan") }))
        let history = control.risks.flatMap { risk in risk.history.map { (risk, $0) } }
        if !history.isEmpty {
            content.append(.section(.h2("Tidigare bedömningar"),
                EconomyController.fragment(.table(Table(name: "Historik", caption: "Tidigare bedömningar av riskerna",
                    header: ["Risk", "Skala", "Sannolikhet", scale.consequenceName, "Riskvärde", "Ersatt", "Skäl"], numericColumns: [4],
                    rows: history.map { risk, h in
                        Row([Cell([risk.process, risk.risk].compactMap { $0 }.joined(separator: ": ")), Cell(h.scale), Cell(h.likelihood.map(String.init) ?? ""),
                             Cell(h.consequence.map(String.init) ?? ""), Cell(h.value.map(String.init) ?? ""), Cell(h.replaced?.description ?? ""), Cell(h.reason ?? "")])
                    })), label: "Tidigare bedömningar")))
        }
        content.append(.section(.h2(.text("Resultat till och med \(through)")),
            EconomyController.fragment(.table(InternalControlTables.results(control, through: through)), label: "Resultat")))
        if mayReport { content.append(resultForm(req, plan, control, period: chosen, typed: typed, errors: errors)) }
        return PageShell(title: title, breadcrumbs: EditController.crumbs(plan, "Internkontroll"), context: req.pageContext, content: .div(.group(content)))
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

    static func resultForm(_ req: Request, _ plan: Plan, _ control: InternalControl, period: Period,
                           typed: [String: String]?, errors: [String]) -> Node<HTML.BodyContext> {
        let through = Day.end(of: period)
        // "-": an option with an empty value loses its value attribute, and the browser would send its text.
        let choices = [("-", "Inget resultat")] + ControlResult.Status.allCases.map { ($0.rawValue, "\($0.symbol) \($0.label)") }
        return .section(.id("resultat"), .h2(.text("Rapportera resultat, \(ValuesController.periodName(period).lowercased())")),
            Forms.errorSummary(errors),
            .form(.method(.post), .action(SiteURL.planInternalControl(id: plan.id).path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("period"), .value(period.description)),
                .input(.type(.hidden), .name("v"), .value((typed?["v"] ?? InternalControls.fingerprint(control)).attributeEscaped)),
                .forEach(control.plannedRisks.flatMap { risk in risk.controls.map { (risk, $0) } }) { risk, c in
                    .forEach(occasions(c, year: control.year, through: through)) { day in
                        let k = key(c, day)
                        let stored = c.results.first { $0.occasion == day }
                        // What the page showed (kept from the person's page after a validation error) and the result's version.
                        func was(_ key: String, _ value: String) -> Node<HTML.FormContext> { WholePageForm.shown(key, typed?[WholePageForm.prefix + key] ?? value) }
                        return .fieldset(.class("follow-up"),
                            .element(named: "legend", text: "\(c.control) – tillfälle \(day)"),
                            .input(.type(.hidden), .name("iv.\(k)".attributeEscaped), .value((typed?["iv.\(k)"] ?? InternalControls.itemVersion(stored)).attributeEscaped)),
                            was("s.\(k)", stored?.status.rawValue ?? "-"), was("f.\(k)", stored?.findings ?? ""), was("m.\(k)", stored?.measures ?? ""),
                            .p(.text("Risk: \(risk.process)\(risk.risk.map { ", \($0)" } ?? "") · Ansvarig: \(c.responsible ?? "ej angiven")")),
                            Forms.select("s.\(k)", label: "Resultat", choices: choices, chosen: typed?["s.\(k)"] ?? stored?.status.rawValue ?? "-"),
                            EditController.textarea("f.\(k)", "Avvikelser", typed?["f.\(k)"] ?? stored?.findings ?? "", nil),
                            EditController.textarea("m.\(k)", "Åtgärder", typed?["m.\(k)"] ?? stored?.measures ?? "", nil))
                    }
                },
                .button(.type(.submit), .class("primary"), .text("Spara resultaten"))))
    }

    @Sendable static func saveResults(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanReads.plan(facts.plan.id!, on: req.store)
        guard let control = document.internalControl else { throw Abort(.unprocessableEntity, reason: "Planen har ingen internkontroll i Tertial.") }
        let form = try req.content.decode([String: String].self)
        let chosen = try ValuesController.postedPeriod(form, document)
        let through = Day.end(of: chosen)
        var inputs: [InternalControls.ResultInput] = [], errors: [String] = []
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
                        if let text, let problem = ValueText.formProblem(text, maxLength: TextLimits.text) { errors.append("\(c.control), \(label): \(problem).") }
                    }
                    let none = raw.isEmpty || raw == "-"
                    let status = none ? nil : ControlResult.Status(rawValue: raw)
                    if !none, status == nil { errors.append("\(c.control): okänt resultat."); continue }
                    if status == nil, findings != nil || measures != nil { errors.append("\(c.control), tillfälle \(day): välj ett resultat för det du skrev."); continue }
                    if status == .deviations || status == .resolved, findings == nil {
                        errors.append("\(c.control), tillfälle \(day): beskriv avvikelserna."); continue
                    }
                    if status == .deviations, measures == nil { errors.append("\(c.control), tillfälle \(day): skriv vilka åtgärder som vidtas."); continue }
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
        } catch let conflict as InternalControls.Conflict {
            // Only what this person changed is kept; every other result shows what is stored now.
            let now = try await PlanReads.plan(document.id, on: req.store)
            var keep = itemwise ? WholePageForm.keptAfterConflict(form, items: items) : form
            keep["period"] = form["period"]
            keep["v"] = now.internalControl.map(InternalControls.fingerprint)
            let named = conflict.results.map { key in
                let control = control.risks.flatMap(\.controls).first { key.hasPrefix($0.id + ".") }
                return "\(control?.control.prefix(120) ?? "Kontrollmoment"), tillfälle \(key.split(separator: ".").last ?? ""): ändrat av någon annan (se sidan nedan)."
            }
            return page(req, facts, now, typed: keep, errors: [Forms.staleForm("sparade", "internkontrollen")] + named)
                .response(status: .conflict)
        }
    }

    /// A result's fields on the page: the result, the deviations, the measures.
    static func resultFields(_ key: String) -> [String] { ["s.\(key)", "f.\(key)", "m.\(key)"] }
}
