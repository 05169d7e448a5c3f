import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// Planners: a risk with its controls (a new one at `risker/ny`), and the scale.
extension InternalControlController {
    static let controlFields = ["control", "responsible", "frequency", "method", "reportedTo", "followUp"]

    static func current(_ document: Plan) -> InternalControl {
        document.internalControl ?? InternalControl(year: document.budgetYear, scale: .fiveByFive, risks: [])
    }

    // MARK: Risk

    @Sendable static func editRisk(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        let control = current(document)
        let id = req.parameters.get("riskID") ?? "ny"
        let risk = control.risks.first { $0.id == id }
        guard id == "ny" || risk != nil else { throw Abort(.notFound) }
        return riskPage(req, document, control, risk: risk, typed: risk.map(typedForm) ?? [:], errors: []).response()
    }

    static func typedForm(_ risk: Risk) -> [String: String] {
        var typed = ["area": risk.area ?? "", "process": risk.process, "risk": risk.risk ?? "", "likelihood": risk.likelihood.map(String.init) ?? "",
                     "consequence": risk.consequence.map(String.init) ?? "", "statedValue": risk.likelihood == nil ? risk.statedValue.map(String.init) ?? "" : "",
                     "motivation": risk.motivation ?? "", "included": risk.includedBelowThreshold ? "ja" : ""]
        for (i, c) in risk.controls.enumerated() {
            typed["k.\(i).id"] = c.id
            typed["k.\(i).control"] = c.control; typed["k.\(i).responsible"] = c.responsible ?? ""; typed["k.\(i).frequency"] = c.frequencyText ?? ""
            typed["k.\(i).method"] = c.method ?? ""; typed["k.\(i).reportedTo"] = c.reportedTo ?? ""; typed["k.\(i).followUp"] = c.followUp ?? ""
        }
        return typed
    }

    @Sendable static func saveRisk(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        let control = current(document)
        let id = req.parameters.get("riskID") ?? "ny"
        let existing = control.risks.first { $0.id == id }
        guard id == "ny" || existing != nil else { throw Abort(.notFound) }
        let form = try req.content.decode([String: String].self)
        let done = SiteURL.planInternalControl(id: document.id).path
        if form["action"] == "remove", let existing {
            do {
                try await InternalControls.removeRisk(existing.id, planID: document.id, expected: form["v"], by: req.actor, on: req.store)
                return req.redirect(to: done + "?sparat=1", redirectType: .normal)
            } catch let error as InternalControls.HasResults {
                return riskPage(req, document, control, risk: existing, typed: typedForm(existing), errors: [error.description]).response(status: .unprocessableEntity)
            } catch is InternalControls.Conflict {
                // Someone saved the internal control after this form was made: nothing is removed; the risk as it is now.
                let now = try await PlanReads.plan(document.id, on: req.store)
                let control = current(now)
                guard let risk = control.risks.first(where: { $0.id == existing.id }) else { return req.redirect(to: done, redirectType: .normal) }
                return riskPage(req, now, control, risk: risk, typed: typedForm(risk), errors: ["Någon ändrade internkontrollen efter att du öppnade sidan. "
                    + "Risken togs inte bort: se hur den ser ut nu och ta bort den igen om den ska bort."]).response(status: .conflict)
            }
        }
        var errors: [String] = []
        func field(_ key: String) -> String? { EditController.clean(form[key]) }
        for key in ["area", "process"] {
            if let text = field(key), let problem = ValueText.formProblem(text, maxLength: TextLimits.name) { errors.append("\(key == "area" ? "Område" : "Process") \(problem).") }
        }
        for key in ["risk", "motivation"] {
            if let text = field(key), let problem = ValueText.formProblem(text, maxLength: TextLimits.text) { errors.append("\(key == "risk" ? "Risken" : "Motiveringen") \(problem).") }
        }
        guard let process = field("process") else { errors.append("Skriv huvudprocessen eller riskområdet."); return again() }
        // A step is one of the scale's (the form's choices); anything else is refused before any arithmetic.
        func step(_ key: String, _ label: String, of steps: [String]) -> Int? {
            guard let raw = field(key) else { return nil }
            guard let step = Int(raw), (1...steps.count).contains(step) else {
                errors.append("\(label) \"\(raw.prefix(20))\" finns inte på skalan: välj ett steg 1–\(steps.count)."); return nil
            }
            return step
        }
        let likelihood = step("likelihood", "Sannolikheten", of: control.scale.likelihood)
        let consequence = step("consequence", control.scale.consequenceName, of: control.scale.consequence)
        if (field("likelihood") == nil) != (field("consequence") == nil) { errors.append("Välj både sannolikhet och \(control.scale.consequenceName.lowercased()).") }
        var stated: Int?
        if let raw = field("statedValue") {
            stated = Int(raw)
            if stated == nil || !(1...control.scale.maximum).contains(stated!) { errors.append("Riskvärdet \"\(raw.prefix(10))\" ska vara ett heltal 1–\(control.scale.maximum)."); stated = nil }
        }
        if field("likelihood") == nil, field("consequence") == nil, stated == nil { errors.append("Bedöm sannolikhet och \(control.scale.consequenceName.lowercased()), eller ange ett riskvärde.") }
        let included = !(form["included"] ?? "").isEmpty
        let value = likelihood.flatMap { l in consequence.map { l * $0 } } ?? stated
        if included, (value ?? 0) < control.scale.threshold, field("motivation") == nil {
            errors.append("En risk under gränsen \(control.scale.threshold) tas in i planen bara med en skriven motivering.")
        }
        var controls: [Control] = []
        var taken = Set(control.risks.flatMap { $0.controls.map(\.id) })
        let prefix = document.id.split(separator: "-").first.map(String.init) ?? "ik"
        for i in 0..<50 where controlFields.contains(where: { form["k.\(i).\($0)"] != nil }) {
            func cf(_ key: String) -> String? { field("k.\(i).\(key)") }
            guard let text = cf("control") else {
                if controlFields.dropFirst().contains(where: { cf($0) != nil }) { errors.append("Kontrollmoment \(i + 1): beskriv kontrollen.") }
                continue
            }
            for key in controlFields { if let t = cf(key), let problem = ValueText.formProblem(t, maxLength: TextLimits.text) { errors.append("Kontrollmoment \(i + 1): \(problem).") } }
            let known = cf("id").flatMap { id in existing?.controls.first { $0.id == id } }
            let cid = known?.id ?? EconomyController.uniqueID(for: "\(prefix)-ik-k-\(text.prefix(30))", taken: &taken)
            controls.append(Control(id: cid, control: text, responsible: cf("responsible"), frequency: cf("frequency"), method: cf("method"),
                                    reportedTo: cf("reportedTo"), followUp: cf("followUp")))
        }
        guard errors.isEmpty else { return again() }
        var taken2 = Set(control.risks.map(\.id))
        let rid = existing?.id ?? EconomyController.uniqueID(for: "\(prefix)-ik-\(process.prefix(30))", taken: &taken2)
        let risk = Risk(id: rid, area: field("area"), process: process, risk: field("risk"), likelihood: likelihood, consequence: consequence,
                        statedValue: likelihood == nil ? stated : nil, includedBelowThreshold: included && (value ?? 0) < control.scale.threshold,
                        motivation: field("motivation"), controls: controls)
        do {
            let changed = try await InternalControls.saveRisk(risk, planID: document.id, expected: form["v"], by: req.actor, on: req.store)
            return req.redirect(to: done + "?sparat=\(changed)", redirectType: .normal)
        } catch is InternalControls.Conflict {
            errors.append(Forms.staleForm("ändrade", "internkontrollen"))
            let now = try await PlanReads.plan(document.id, on: req.store)
            var keep = form
            keep["v"] = now.internalControl.map(InternalControls.fingerprint)
            return riskPage(req, now, current(now), risk: existing, typed: keep, errors: errors).response(status: .conflict)
        }

        func again() -> Response { riskPage(req, document, control, risk: existing, typed: form, errors: errors).response(status: .unprocessableEntity) }
    }

    // MARK: Scale

    @Sendable static func editScale(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        return scalePage(req, document, current(document), typed: scaleForm(current(document).scale), errors: []).response()
    }

    static func scaleForm(_ scale: RiskScale) -> [String: String] {
        ["likelihood": scale.likelihood.joined(separator: "\n"), "consequence": scale.consequence.joined(separator: "\n"),
         "consequenceName": scale.consequenceName, "threshold": String(scale.threshold)]
    }

    @Sendable static func saveScale(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        let control = current(document)
        var form = try req.content.decode([String: String].self)
        // A preset fills the fields (the person may then adjust them and save again).
        if let preset = form["preset"], !preset.isEmpty {
            let scale = preset == "4x4" ? RiskScale.fourByFour : RiskScale.fiveByFive
            var typed = scaleForm(RiskScale(likelihood: scale.likelihood, consequence: scale.consequence, threshold: scale.threshold,
                                            consequenceName: control.scale.consequenceName))
            typed["v"] = form["v"]
            return scalePage(req, document, control, typed: typed, errors: []).response()
        }
        func lines(_ key: String) -> [String] { (form[key] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let name = EditController.clean(form["consequenceName"]) ?? "Konsekvens"
        var errors: [String] = []
        guard let threshold = Int((form["threshold"] ?? "").trimmingCharacters(in: .whitespaces)) else {
            errors.append("Gränsen ska vara ett heltal.")
            return scalePage(req, document, control, typed: form, errors: errors).response(status: .unprocessableEntity)
        }
        let scale = RiskScale(likelihood: lines("likelihood"), consequence: lines("consequence"), threshold: threshold, consequenceName: name)
        errors += scale.problems().map { "Skalan: \($0.description)." }
        for label in scale.likelihood + scale.consequence + [name] {
            if let problem = ValueText.formProblem(label, maxLength: TextLimits.name) { errors.append("\"\(label.prefix(30))\": \(problem).") }
        }
        guard errors.isEmpty else { return scalePage(req, document, control, typed: form, errors: errors).response(status: .unprocessableEntity) }
        let day = Day(Date())
        do {
            _ = try await InternalControls.changeScale(planID: document.id, to: scale, on: day, expected: form["v"], by: req.actor, on: req.store)
        } catch is InternalControls.Conflict {
            form["v"] = try await InternalControls.current(planID: document.id, on: req.store).map(InternalControls.fingerprint)
            return scalePage(req, document, control, typed: form,
                             errors: [Forms.staleForm("ändrade", "internkontrollen")])
                .response(status: .conflict)
        }
        return req.redirect(to: SiteURL.planInternalControl(id: document.id).path + "?skala=1", redirectType: .normal)
    }
}
