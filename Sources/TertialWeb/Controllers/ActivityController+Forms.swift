import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// Reporters set each activity's status and comment for a follow-up period and answer the
/// assignments; planners add activities. A form made before someone else saved is a conflict that
/// keeps what was typed.
extension ActivityController {
    static let statusChoices = ActivityStatus.allCases.map { ($0.rawValue, "\($0.symbol) \($0.label)") }

    @Sendable static func saveFollowUp(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let document = try await PlanReads.plan(facts.plan.id!, on: req.store)
        guard let record = document.activityPlan else { throw Abort(.unprocessableEntity, reason: ActivityPlans.NoActivityPlan().description) }
        let form = try req.content.decode([String: String].self)
        let period = try ValuesController.postedPeriod(form, document)
        var errors: [String] = []
        // Only the items the person changed are written, each checked against the version its page
        // showed (see WholePageForm); a form without shown values is checked as a whole, as before.
        let itemwise = WholePageForm.carriesShownValues(form)
        var activityInputs: [ActivityPlans.StatusInput] = []
        for a in record.activities {
            guard let raw = form["s.\(a.id)"], WholePageForm.touched(form, activityFields(a.id)) else { continue }
            guard let status = ActivityStatus(rawValue: raw) else { errors.append("\(a.text): okänd status."); continue }
            let comment = EditController.clean(form["k.\(a.id)"])
            if let comment, let problem = ValueText.formProblem(comment, maxLength: TextLimits.text) { errors.append("\(a.text), kommentar: \(problem)."); continue }
            var percent: Int?
            if let typed = EditController.clean(form["p.\(a.id)"]) {
                let digits = typed.replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
                guard let number = Int(digits), ActivityFollowUp.percentRange.contains(number) else {
                    errors.append("\(a.text), andel klart: \"\(typed.prefix(20))\" är ingen andel; skriv ett heltal från 0 till 100 (eller lämna tomt)."); continue
                }
                percent = number
            }
            activityInputs.append(.init(activityID: a.id, status: status, comment: comment, percentComplete: percent,
                                        expectedVersion: itemwise ? form["iv.\(a.id)"] ?? "" : nil))
        }
        var assignmentInputs: [ActivityPlans.AssignmentInput] = []
        for a in record.assignments {
            guard let raw = form["as.\(a.id)"], WholePageForm.touched(form, assignmentFields(a.id)) else { continue }
            guard let status = ActivityStatus(rawValue: raw) else { errors.append("Uppdrag: okänd status."); continue }
            let response = (form["ar.\(a.id)"]).flatMap { $0.isEmpty ? nil : Assignment.Response(rawValue: $0) }
            let text = EditController.clean(form["at.\(a.id)"])
            if let text, let problem = ValueText.formProblem(text, maxLength: TextLimits.text) { errors.append("Svarets text: \(problem)."); continue }
            assignmentInputs.append(.init(assignmentID: a.id, status: status, response: response, responseText: text,
                                          expectedVersion: itemwise ? form["iv.\(a.id)"] ?? "" : nil))
        }
        /// The page again, with what was typed and the messages.
        func again(_ status: HTTPResponseStatus, _ errors: [String], record: ActivityPlan, typed: [String: String]) -> Response {
            followUpAgain(req, document, record, period: period, typed: typed, errors: errors).response(status: status)
        }
        guard errors.isEmpty else { return again(.unprocessableEntity, errors, record: record, typed: form) }
        let changed: Int
        do {
            changed = try await ActivityPlans.saveFollowUp(planID: document.id, period: period, activities: activityInputs, assignments: assignmentInputs,
                                                           expected: itemwise ? nil : form["v"], by: req.actor, on: req.store)
        } catch let closed as PeriodLocks.Closed {
            return again(.locked, [closed.description], record: record, typed: form)
        } catch let conflict as ActivityPlans.Conflict {
            // What is stored now, with what this person changed and the current versions: saving again
            // keeps it. Items the person did not change show what is stored now.
            let now = try await ActivityPlans.current(planID: document.id, on: req.store) ?? record
            var keep = itemwise ? WholePageForm.keptAfterConflict(form, items: record.activities.map { activityFields($0.id) } + record.assignments.map { assignmentFields($0.id) })
                                : form
            keep["v"] = ActivityPlans.fingerprint(now)
            let names = conflict.itemIDs.compactMap { id in now.activities.first { $0.id == id }?.text ?? now.assignments.first { $0.id == id }.map { "Uppdrag: \($0.text)" } }
            return again(.conflict, [Forms.staleForm("sparade", "uppföljningen")] + names.map { "\($0.prefix(120)): ändrad av någon annan (se sidan nedan)." },
                         record: now, typed: keep)
        }
        return req.redirect(to: SiteURL.planActivities(id: document.id).path + "?period=\(period)&sparat=\(changed)#uppfoljning", redirectType: .normal)
    }

    /// An activity's fields in the follow-up form (status, comment, percent complete), and an assignment's (status, response, its text).
    static func activityFields(_ id: String) -> [String] { ["s.\(id)", "k.\(id)", "p.\(id)"] }
    static func assignmentFields(_ id: String) -> [String] { ["as.\(id)", "ar.\(id)", "at.\(id)"] }

    // MARK: New and changed activities

    @Sendable static func newActivity(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        return activityPage(req, document, editing: nil, typed: [:], errors: [:]).response()
    }

    @Sendable static func saveNewActivity(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        let record = document.activityPlan ?? ActivityPlan()
        let form = try req.content.decode([String: String].self)
        let (activity, errors) = parseActivity(form, document, record, id: nil)
        guard let activity, errors.isEmpty else { return activityPage(req, document, editing: nil, typed: form, errors: errors).response(status: .unprocessableEntity) }
        try await ActivityPlans.add(activity, planID: document.id, expected: nil, by: req.actor, on: req.store)
        return req.redirect(to: SiteURL.planActivities(id: document.id).path + "?sparat=1", redirectType: .normal)
    }

    @Sendable static func editActivity(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        guard let activity = stored(req, document) else { throw Abort(.notFound) }
        return activityPage(req, document, editing: activity, typed: typedForm(activity), errors: [:]).response()
    }

    @Sendable static func saveActivity(_ req: Request) async throws -> Response {
        let document = try await EditController.typedPlan(req)
        guard let record = document.activityPlan, let current = stored(req, document) else { throw Abort(.notFound) }
        let form = try req.content.decode([String: String].self)
        let done = SiteURL.planActivities(id: document.id).path
        do {
            if form["action"] == "remove" {
                try await ActivityPlans.remove(activityID: current.id, planID: document.id, expected: form["v"], by: req.actor, on: req.store)
                return req.redirect(to: done + "?borttagen=1", redirectType: .normal)
            }
            let (activity, errors) = parseActivity(form, document, record, id: current.id)
            guard let activity, errors.isEmpty else { return activityPage(req, document, editing: current, typed: form, errors: errors).response(status: .unprocessableEntity) }
            let changed = try await ActivityPlans.update(activity, planID: document.id, expected: form["v"], by: req.actor, on: req.store)
            return req.redirect(to: done + "?sparat=\(changed)", redirectType: .normal)
        } catch is ActivityPlans.Conflict {
            let now = try await ActivityPlans.current(planID: document.id, on: req.store)
            guard let latest = now?.activities.first(where: { $0.id == current.id }) else { throw Abort(.notFound) }
            var keep = form
            keep["v"] = now.map(ActivityPlans.fingerprint)
            var fresh = document
            fresh.activityPlan = now
            return activityPage(req, fresh, editing: latest, typed: keep,
                                errors: ["konflikt": Forms.staleForm("ändrade", "aktivitetsplanen")])
                .response(status: .conflict)
        } catch let error as ActivityPlans.HasFollowUps {
            return activityPage(req, document, editing: current, typed: typedForm(current), errors: ["ta bort": error.description]).response(status: .unprocessableEntity)
        }
    }

    static func stored(_ req: Request, _ document: Plan) -> Activity? {
        guard let id = req.parameters.get("activityID") else { return nil }
        return document.activityPlan?.activities.first { $0.id == id }
    }

    /// The form's fields as the stored activity fills them.
    static func typedForm(_ a: Activity) -> [String: String] {
        let goal = a.links.lazy.compactMap { if case .goal(let id) = $0 { id } else { nil } }.first
        let assignment = a.links.lazy.compactMap { if case .assignment(let id) = $0 { id } else { nil } }.first
        var form = ["text": a.text, "mal": goal ?? "", "uppdrag": assignment ?? "",
                    "enhet": a.responsibleUnitID ?? "", "roll": a.responsibleRole ?? "", "start": a.start?.description ?? "", "klart": a.due?.description ?? ""]
        // One activity may serve several prioritised steering documents: a box each.
        for case .steeringDocument(let id) in a.links { form["styrdokument.\(id)"] = "ja" }
        return form
    }

    /// An activity from the form, checked as the import checks it, with a Swedish message per field.
    static func parseActivity(_ form: [String: String], _ document: Plan, _ record: ActivityPlan, id: String?) -> (Activity?, [String: String]) {
        var errors: [String: String] = [:]
        let text = EditController.clean(form["text"]) ?? ""
        if text.isEmpty { errors["text"] = "Skriv vad som ska göras." }
        if let problem = ValueText.formProblem(text, maxLength: TextLimits.text) { errors["text"] = "Aktiviteten \(problem)." }
        func date(_ key: String, _ label: String) -> DueDate? {
            guard let raw = EditController.clean(form[key]) else { return nil }
            guard let due = DueDate(raw, defaultYear: document.budgetYear) else {
                errors[key] = "\(label): \"\(raw.prefix(30))\" anger ingen tidpunkt; skriv \(DueDate.forms)."; return nil
            }
            return due
        }
        let start = date("start", "Start"), due = date("klart", "Klart")
        if let start, let due, due.lastDay < start.lastDay { errors["klart"] = "Klart: slutar före starten." }
        let goal = form["mal"].flatMap { id in document.goals.contains { $0.id == id } ? id : nil }
        let assignment = form["uppdrag"].flatMap { id in record.assignments.contains { $0.id == id } ? id : nil }
        let steering = (record.steeringDocuments ?? []).map(\.id).filter { form["styrdokument.\($0)"] != nil }
        let unit = form["enhet"].flatMap { id in document.units.contains { $0.id == id } ? id : nil }
        let role = EditController.clean(form["roll"])
        if let role, let problem = ValueText.formProblem(role, maxLength: TextLimits.name) { errors["roll"] = "Ansvarig roll \(problem)." }
        guard errors.isEmpty else { return (nil, errors) }
        var taken = Set(record.activities.map(\.id))
        let newID = id ?? EconomyController.uniqueID(for: "\(document.id.split(separator: "-").first ?? "akt")-akt-\(text.prefix(40))", taken: &taken)
        // The form shows an activity's first goal and first assignment; further ones (a file may give several) are kept.
        let before = id.flatMap { id in record.activities.first { $0.id == id } }?.links ?? []
        let beforeGoals: [String] = before.compactMap { if case .goal(let g) = $0 { g } else { nil } }
        let beforeAssignments: [String] = before.compactMap { if case .assignment(let a) = $0 { a } else { nil } }
        let moreGoals: [String] = beforeGoals.dropFirst().filter { $0 != goal }
        let moreAssignments: [String] = beforeAssignments.dropFirst().filter { $0 != assignment }
        var links: [ActivityLink] = []
        if let goal { links.append(.goal(goal)) }
        links += moreGoals.map { ActivityLink.goal($0) }
        if let assignment { links.append(.assignment(assignment)) }
        links += moreAssignments.map { ActivityLink.assignment($0) }
        links += steering.map { ActivityLink.steeringDocument($0) }
        return (Activity(id: newID, text: text, links: links, responsibleUnitID: unit, responsibleRole: role, start: start, due: due), [:])
    }
}
