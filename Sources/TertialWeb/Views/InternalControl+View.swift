import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `InternalControlController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension InternalControlController {
    static func page(_ req: Request, _ facts: PlanFacts, _ document: Plan, typed: [String: String]?, errors: [Forms.Problem]) -> PageShell {
        let plan = document
        let mayReport = AccessPolicy.allows(req.principal, .reportValues(chain: facts.chain))
        let mayPlan = AccessPolicy.allows(req.principal, .editPlan(chain: facts.chain))
        let title = "Internkontroll – \(plan.title)"
        // A refused save says so at the top, with a link to each result it is about (the form is far below).
        var content: [Node<HTML.BodyContext>] = [.h1(.text(title)), Forms.errorSummary(problems: errors)]
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
                .li(.a(.href(SiteURL.planRisk(id: plan.id, riskID: risk.id).path), .text("Ändra R\(i + 1): \(risk.process)" + (risk.risk.map { " – \($0.shortened(to: 60))" } ?? ""))))
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

    static func resultForm(_ req: Request, _ plan: Plan, _ control: InternalControl, period: Period,
                           typed: [String: String]?, errors: [Forms.Problem]) -> Node<HTML.BodyContext> {
        let through = Day.end(of: period)
        // "-": an option with an empty value loses its value attribute, and the browser would send its text.
        let choices = [("-", "Inget resultat")] + ControlResult.Status.allCases.map { ($0.rawValue, "\($0.symbol) \($0.label)") }
        return .section(.id("resultat"), .h2(.text("Rapportera resultat, \(ValuesController.periodName(period).lowercased())")),
            .if(!errors.isEmpty, .p(.class("error"), .text("Inget sparades: se felen överst på sidan."))),
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
                        return .fieldset(.class("follow-up"), .id("r-\(k)".attributeEscaped),
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
}
