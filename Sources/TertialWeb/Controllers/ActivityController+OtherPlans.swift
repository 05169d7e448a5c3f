import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// *Övriga planer* (planners): the prioritised steering documents as rows (an empty row adds one,
/// an emptied title removes one), and the digitalisation plan's three lists, one item per line.
extension ActivityController {
    static let steeringFields = ["title", "kind", "adoptedBy", "adopted", "validThrough"]

    @Sendable static func otherPlansForm(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        return otherPlansPage(req, document, typed: otherPlansTyped(document.activityPlan ?? ActivityPlan()), errors: []).response()
    }

    static func otherPlansTyped(_ record: ActivityPlan) -> [String: String] {
        var typed: [String: String] = ["v": ActivityPlans.fingerprint(record)]
        for (i, d) in (record.steeringDocuments ?? []).enumerated() {
            typed["sd.\(i).id"] = d.id; typed["sd.\(i).title"] = d.title; typed["sd.\(i).kind"] = d.kind ?? ""
            typed["sd.\(i).adoptedBy"] = d.adoptedBy ?? ""; typed["sd.\(i).adopted"] = d.adopted?.description ?? ""
            typed["sd.\(i).validThrough"] = d.validThrough.map(String.init) ?? ""; typed["sd.\(i).summary"] = d.summary ?? ""
        }
        let digital = record.digitalisation
        typed["d.current"] = (digital?.currentState ?? []).joined(separator: "\n")
        typed["d.desired"] = (digital?.desiredState ?? []).joined(separator: "\n")
        typed["d.horizon"] = digital?.desiredHorizon ?? ""
        typed["d.plan"] = (digital?.plan ?? []).joined(separator: "\n")
        return typed
    }

    @Sendable static func saveOtherPlans(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        let record = document.activityPlan ?? ActivityPlan()
        let form = try req.content.decode([String: String].self)
        var errors: [String] = []
        var documents: [SteeringDocument] = []
        var taken = Set((record.steeringDocuments ?? []).map(\.id))
        let rows = (0..<200).filter { i in steeringFields.contains { form["sd.\(i).\($0)"] != nil } }
        for i in rows {
            func field(_ key: String) -> String? { EditController.clean(form["sd.\(i).\(key)"]) }
            guard let title = field("title") else {
                if steeringFields.dropFirst().contains(where: { field($0) != nil }) && field("id") == nil { errors.append("Rad \(i + 1): skriv styrdokumentets namn.") }
                continue
            }
            for key in ["title", "kind", "adoptedBy"] {
                if let value = field(key), let problem = ValueText.formProblem(value, maxLength: TextLimits.name) { errors.append("\(title): \(problem).") }
            }
            let adopted = field("adopted").flatMap { Day($0) }
            if let adopted = field("adopted"), Day(adopted) == nil { errors.append("\(title): beslutsdatum \"\(adopted.prefix(20))\" är inget datum (ÅÅÅÅ-MM-DD).") }
            var year: Int?
            if let raw = field("validThrough") {
                year = Int(raw)
                if year == nil || !(1900...2200).contains(year!) { errors.append("\(title): \"\(raw.prefix(10))\" är inget år."); year = nil }
            }
            let known = field("id").flatMap { id in (record.steeringDocuments ?? []).first { $0.id == id } }
            let id = known?.id ?? EconomyController.uniqueID(for: "\(document.id.split(separator: "-").first ?? "sd")-sd-\(title.prefix(40))", taken: &taken)
            documents.append(SteeringDocument(id: id, title: title, kind: field("kind"), adoptedBy: field("adoptedBy"), adopted: adopted,
                                              validThrough: year, summary: known?.summary))
        }
        func lines(_ key: String) -> [String]? {
            let items = (form[key] ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .map { $0.hasPrefix("- ") || $0.hasPrefix("• ") ? String($0.dropFirst(2)) : $0 }.filter { !$0.isEmpty }
            for item in items { if let problem = ValueText.formProblem(item, maxLength: TextLimits.text) { errors.append("Digitaliseringsplanen: \(problem).") } }
            return items.isEmpty ? nil : items
        }
        let horizon = EditController.clean(form["d.horizon"])
        if let horizon, let problem = ValueText.formProblem(horizon, maxLength: TextLimits.name) { errors.append("Tidshorisonten \(problem).") }
        let digital = DigitalisationPlan(currentState: lines("d.current") ?? [], desiredState: lines("d.desired") ?? [], desiredHorizon: horizon, plan: lines("d.plan") ?? [])
        guard errors.isEmpty else { return otherPlansPage(req, document, typed: form, errors: errors).response(status: .unprocessableEntity) }
        do {
            let changed = try await ActivityPlans.saveOtherPlans(steeringDocuments: documents, digitalisation: digital, planID: document.id,
                                                                 expected: form["v"], by: req.actor, on: req.store)
            return req.redirect(to: SiteURL.planActivities(id: document.id).path + "?sparat=\(changed)#ovriga-planer", redirectType: .normal)
        } catch let error as ActivityPlans.StillServed {
            return otherPlansPage(req, document, typed: form, errors: [error.description]).response(status: .unprocessableEntity)
        } catch is ActivityPlans.Conflict {
            var keep = form
            keep["v"] = try await ActivityPlans.current(planID: document.id, on: req.store).map(ActivityPlans.fingerprint)
            return otherPlansPage(req, document, typed: keep,
                                  errors: [Forms.staleForm("ändrade", "aktivitetsplanen")])
                .response(status: .conflict)
        }
    }
}
