import Foundation
import TertialAPI
import TertialCore
import TertialStore
import Vapor

/// API v1 (issue 24, point 2): the operations of Sources/TertialAPI/openapi.json, on the typed plan.
/// Each handler finds the request (`APIRequestContext`), checks the token's grant for the plan's unit,
/// and answers with the generated types — so what it sends is what the document describes.
struct APIv1Handler: APIProtocol {
    typealias Text = APIProblem.Text

    var request: Request {
        get throws {
            guard let request = APIRequestContext.current else { throw APIProblem.serverError }
            return request
        }
    }

    var client: APIClient {
        get throws {
            guard let client = try request.storage[APIClientKey.self] else { throw APIProblem.unauthorized(Text(sv: "Nyckel saknas.", en: "No token.")) }
            return client
        }
    }

    func require(_ scope: APIScope) throws {
        guard try client.grant.scopes.contains(scope) else {
            throw APIProblem.forbidden(Text(sv: "Nyckeln saknar behörigheten \(scope.rawValue).", en: "The token lacks the scope \(scope.rawValue)."))
        }
    }

    /// The plan, when the token may do `scope` on it: 404 if there is none, 403 if it lies outside the
    /// token's units or the token lacks the scope.
    func authorisedPlan(_ id: String, for scope: APIScope) async throws -> PlanModel {
        let request = try request
        guard let (model, _) = try await PlanReads.planAndGlobalRevision(id, on: request.store) else {
            throw APIProblem.notFound(Text(sv: "Planen \"\(id.prefix(80))\" finns inte.", en: "There is no plan \"\(id.prefix(80))\"."))
        }
        let chain = try await Accounts.unitChain(model.ownerUnitID, on: request.store)
        let grant = try client.grant
        guard grant.covers(chain: chain) else {
            throw APIProblem.forbidden(Text(sv: "Planen hör till en enhet som nyckeln inte får röra.", en: "The plan belongs to a unit outside the token's units."))
        }
        try require(scope)
        return model
    }

    func typedPlan(_ id: String) async throws -> Plan {
        let model = try await authorisedPlan(id, for: .read)
        return try await PlanReads.plan(model.id!, on: try request.store)
    }

    // MARK: Reads

    func listMunicipalities(_ input: Operations.ListMunicipalities.Input) async throws -> Operations.ListMunicipalities.Output {
        try require(.read)
        let catalogue = try await Catalogue.load(on: try request.store)
        return .ok(.init(body: .json(catalogue.entries.map { .init(id: $0.municipality.id!, name: $0.municipality.name) })))
    }

    func listUnits(_ input: Operations.ListUnits.Input) async throws -> Operations.ListUnits.Output {
        try require(.read)
        let catalogue = try await Catalogue.load(on: try request.store)
        guard let entry = catalogue.entries.first(where: { $0.municipality.id == input.path.municipalityId }) else {
            throw APIProblem.notFound(Text(sv: "Kommunen \"\(input.path.municipalityId.prefix(80))\" finns inte.",
                                           en: "There is no municipality \"\(input.path.municipalityId.prefix(80))\"."))
        }
        return .ok(.init(body: .json(try entry.units.map { unit in
            .init(id: unit.id!, name: unit.name, kind: try APIv1Model.wire(unit.kind), parentId: unit.parentID)
        })))
    }

    func listPlans(_ input: Operations.ListPlans.Input) async throws -> Operations.ListPlans.Output {
        try require(.read)
        let grant = try client.grant
        let catalogue = try await Catalogue.load(on: try request.store)
        var result: [Components.Schemas.PlanSummary] = []
        for entry in catalogue.entries where input.query.municipality.map({ $0 == entry.municipality.id }) ?? true {
            let parents = UnitTree.parents(entry.units)
            for plan in entry.plans where grant.covers(chain: UnitTree.chain(of: plan.ownerUnitID, parents: parents)) {
                if let year = input.query.year, !(plan.firstYear...max(plan.firstYear, plan.lastYear)).contains(year) { continue }
                result.append(try APIv1Model.summary(plan))
            }
        }
        return .ok(.init(body: .json(result)))
    }

    func getPlan(_ input: Operations.GetPlan.Input) async throws -> Operations.GetPlan.Output {
        .ok(.init(body: .json(try APIv1Model.plan(try await typedPlan(input.path.planId)))))
    }

    func listGoals(_ input: Operations.ListGoals.Input) async throws -> Operations.ListGoals.Output {
        .ok(.init(body: .json(try APIv1Model.goals(try await typedPlan(input.path.planId)))))
    }

    func listIndicators(_ input: Operations.ListIndicators.Input) async throws -> Operations.ListIndicators.Output {
        .ok(.init(body: .json(try APIv1Model.indicators(try await typedPlan(input.path.planId)))))
    }

    func listActivities(_ input: Operations.ListActivities.Input) async throws -> Operations.ListActivities.Output {
        let plan = try await typedPlan(input.path.planId)
        return .ok(.init(body: .json(.init(activities: try (plan.activityPlan?.activities ?? []).map(APIv1Model.activity),
                                           assignments: try (plan.activityPlan?.assignments ?? []).map(APIv1Model.assignment)))))
    }

    func getInternalControl(_ input: Operations.GetInternalControl.Input) async throws -> Operations.GetInternalControl.Output {
        let plan = try await typedPlan(input.path.planId)
        guard let control = plan.internalControl else {
            throw APIProblem.notFound(Text(sv: "Planen har ingen internkontrollplan.", en: "The plan has no internal control plan."))
        }
        return .ok(.init(body: .json(try APIv1Model.internalControl(control))))
    }

    func listValues(_ input: Operations.ListValues.Input) async throws -> Operations.ListValues.Output {
        let plan = try await typedPlan(input.path.planId)
        let period = try followedPeriod(input.query.period, of: plan, pointer: nil, write: false)
        let store = try request.store
        let indicators = try await ValueHistory.allCells(planID: plan.id, period: period, on: store)
        let measures = try await ValueHistory.allMeasureCells(planID: plan.id, period: period, on: store)
        var cells: [Components.Schemas.Cell] = []
        for (subjects, make) in [(indicators, ValueHistory.Subject.indicator), (measures, ValueHistory.Subject.trackingMeasure)] {
            for id in subjects.keys.sorted() {
                for gender in Gender.allCases { for kind in ValueKind.allCases {
                    if let cell = subjects[id]?[gender]?[kind] { cells.append(try APIv1Model.cell(cell, subject: make(id), gender: gender, kind: kind)) }
                } }
            }
        }
        return .ok(.init(body: .json(.init(period: period.description, cells: cells))))
    }

    /// A period the plan is followed up in (the same rule as the grid), else 422 naming it.
    func followedPeriod(_ text: String, of plan: Plan, pointer: String?, write: Bool = true) throws -> Period {
        guard let period = Period(text), ValuesController.periods(plan).contains(period) else {
            let offered = ValuesController.periods(plan).map(\.description)
            let list = (offered.count > 8 ? Array(offered.prefix(4)) + ["…"] + Array(offered.suffix(3)) : offered).joined(separator: ", ")
            throw APIProblem.invalid([(pointer, Text(sv: "Perioden \"\(text.prefix(40))\" följs inte upp i planen (\(list)).",
                                                     en: "The plan is not followed up in the period \"\(text.prefix(40))\" (\(list))."))], write: write)
        }
        return period
    }
}

// MARK: Writes

extension APIv1Handler {
    func saveValues(_ input: Operations.SaveValues.Input) async throws -> Operations.SaveValues.Output {
        guard case .json(let batch) = input.body else { throw APIProblem.badRequest(Text(sv: "Skicka JSON.", en: "Send JSON.")) }
        let model = try await authorisedPlan(input.path.planId, for: .writeValues)
        let store = try request.store
        let plan = try await PlanReads.plan(model.id!, on: store).activeView
        let period = try followedPeriod(batch.period, of: plan, pointer: "/period")
        let writes = try Self.cellWrites(batch.values, plan: plan)
        let changed: Int
        do {
            changed = try await ValueHistory.save(writes, planID: plan.id, period: period, by: try client.actor, on: store)
        } catch let closed as PeriodLocks.Closed {
            throw APIProblem.locked(closed.description)
        } catch let conflicts as ValueHistory.Conflicts {
            var problem = APIProblem(.conflict, "conflict", title: Text(sv: "Någon annan har ändrat värdena", en: "Someone else changed the values"),
                                     detail: Text(sv: "\(conflicts.cells.count) värden har ändrats sedan de lästes (version). Inget sparades; läs om dem och skicka igen.",
                                                  en: "Values changed after they were read (version): \(conflicts.cells.count). Nothing was saved; read them again and resend."))
            problem.conflicts = conflicts.cells.keys.sorted().map { index in
                let write = writes[index], current = conflicts.cells[index] ?? nil
                let (indicatorID, measureID) = Self.ids(write.subject)
                return .init(pointer: "/values/\(index)", indicatorId: indicatorID, trackingMeasureId: measureID, gender: write.gender.rawValue,
                             kind: write.kind.rawValue, value: current?.text, version: current?.version ?? 0, recordedBy: current?.recordedBy,
                             recordedAt: current?.recordedAt)
            }
            throw problem
        }
        // The cells as they are now, with their new versions.
        let indicators = try await ValueHistory.allCells(planID: plan.id, period: period, on: store)
        let measures = try await ValueHistory.allMeasureCells(planID: plan.id, period: period, on: store)
        let cells = try writes.compactMap { write -> Components.Schemas.Cell? in
            let (indicatorID, measureID) = Self.ids(write.subject)
            let stored = indicatorID.map { indicators[$0] } ?? measureID.map { measures[$0] } ?? nil
            return try stored?[write.gender]?[write.kind].map { try APIv1Model.cell($0, subject: write.subject, gender: write.gender, kind: write.kind) }
        }
        return .ok(.init(body: .json(.init(period: period.description, changed: changed, cells: cells))))
    }

    /// A value as the grid would read it: text as sent; a JSON number in its shortest form ("12.5", "1560"),
    /// which the grid reads as it reads a typed number.
    static func text(of value: Components.Schemas.CellWrite.ValuePayload) -> String {
        switch value {
        case .case1(let text): return text
        case .case2(let number):
            if number.isFinite, number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return number.isFinite ? String(number) : "\(number)"
        }
    }

    static func ids(_ subject: ValueHistory.Subject) -> (String?, String?) {
        switch subject {
        case .indicator(let id): (id, nil)
        case .trackingMeasure(let id): (nil, id)
        }
    }

    /// The batch as cell writes, each checked as the grid checks a cell: an indicator or tracking measure of
    /// the plan, a gender row the indicator has, a value the grid can read, a comment only beside a value,
    /// each cell once. Every problem is named with its JSON pointer; one problem saves nothing.
    static func cellWrites(_ values: [Components.Schemas.CellWrite], plan: Plan) throws -> [ValueHistory.CellWrite] {
        let indicators = Dictionary(plan.goals.flatMap(\.indicators).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let measures = Set(ValuesController.reportedMeasures(plan).map(\.id))
        var errors: [(pointer: String?, detail: Text)] = []
        var writes: [ValueHistory.CellWrite] = []
        var seen: [String: Int] = [:]
        for (index, item) in values.enumerated() {
            let at = "/values/\(index)"
            func refuse(_ field: String, _ sv: String, _ en: String) { errors.append((at + field, Text(sv: sv, en: en))) }
            let gender = Gender(rawValue: item.gender?.rawValue ?? "total") ?? .total
            let kind: ValueKind = item.kind == .forecast ? .forecast : .outcome
            let subject: ValueHistory.Subject
            switch (item.indicatorId, item.trackingMeasureId) {
            case (let id?, nil):
                guard let indicator = indicators[id] else {
                    refuse("/indicatorId", "Indikatorn \"\(id.prefix(80))\" finns inte i planen (eller följs inte längre upp).",
                           "The plan has no indicator \"\(id.prefix(80))\" (or no longer follows it up)."); continue
                }
                if gender != .total && !indicator.genderBreakdown {
                    refuse("/gender", "\(indicator.name) redovisas inte per kön; skicka gender \"total\".",
                           "\(indicator.name) is not broken down by gender; send gender \"total\".")
                }
                subject = .indicator(id)
            case (nil, let id?):
                guard measures.contains(id) else {
                    refuse("/trackingMeasureId", "Följetalet \"\(id.prefix(80))\" finns inte i planen.", "The plan has no tracking measure \"\(id.prefix(80))\"."); continue
                }
                if kind != .outcome || gender != .total {
                    refuse("/kind", "Ett följetal har bara utfall för totalen.", "A tracking measure has outcomes for the total only.")
                }
                subject = .trackingMeasure(id)
            default:
                refuse("", "Ange antingen indicatorId eller trackingMeasureId.", "Give either indicatorId or trackingMeasureId."); continue
            }
            let text = Self.text(of: item.value).trimmingCharacters(in: .whitespacesAndNewlines)
            let comment = item.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty {
                do { _ = try ValueText(text) } catch {
                    refuse("/value", "Värdet kan inte läsas: \(error.description)", "The value cannot be read: \(error.description)")
                }
            } else if let comment, !comment.isEmpty {
                refuse("/comment", "En kommentar hör till ett värde – skicka värdet också.", "A comment belongs to a value – send the value too.")
            }
            if let comment, let problem = ValueText.formProblem(comment, maxLength: TextLimits.text) {
                refuse("/comment", "Kommentaren: \(problem)", "The comment: \(problem)")
            }
            if let version = item.version, version < 0 {
                refuse("/version", "Versionen är 0 eller större.", "The version is 0 or more.")
            }
            let key = "\(subject)|\(gender.rawValue)|\(kind.rawValue)"
            if let first = seen[key] {
                refuse("", "Samma cell finns redan i /values/\(first).", "The same cell is already in /values/\(first).")
            }
            seen[key] = index
            writes.append(ValueHistory.CellWrite(subject: subject, gender: gender, kind: kind, text: text,
                                                 comment: (comment?.isEmpty ?? true) ? nil : comment, expectedVersion: item.version))
        }
        guard errors.isEmpty else { throw APIProblem.invalid(errors) }
        return writes
    }

    func saveActivityFollowUp(_ input: Operations.SaveActivityFollowUp.Input) async throws -> Operations.SaveActivityFollowUp.Output {
        guard case .json(let body) = input.body else { throw APIProblem.badRequest(Text(sv: "Skicka JSON.", en: "Send JSON.")) }
        let model = try await authorisedPlan(input.path.planId, for: .writeActivities)
        let store = try request.store
        let plan = try await PlanReads.plan(model.id!, on: store)
        guard plan.activityPlan?.activities.contains(where: { $0.id == input.path.activityId }) ?? false else {
            throw APIProblem.notFound(Text(sv: "Aktiviteten \"\(input.path.activityId.prefix(80))\" finns inte i planen.",
                                           en: "The plan has no activity \"\(input.path.activityId.prefix(80))\"."))
        }
        let period = try followedPeriod(input.path.period, of: plan, pointer: nil)
        var errors: [(pointer: String?, detail: Text)] = []
        let comment = body.comment?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let comment, let problem = ValueText.formProblem(comment, maxLength: TextLimits.text) {
            errors.append(("/comment", Text(sv: "Kommentaren: \(problem)", en: "The comment: \(problem)")))
        }
        if let percent = body.percentComplete, !(0...100).contains(percent) {
            errors.append(("/percentComplete", Text(sv: "Andel klart är 0–100 procent.", en: "percentComplete is 0–100.")))
        }
        guard errors.isEmpty else { throw APIProblem.invalid(errors) }
        let status: ActivityStatus = try APIv1Model.wire(body.status.rawValue)
        do {
            _ = try await ActivityPlans.saveFollowUp(
                planID: plan.id, period: period,
                activities: [.init(activityID: input.path.activityId, status: status, comment: (comment?.isEmpty ?? true) ? nil : comment,
                                   percentComplete: body.percentComplete, expectedVersion: body.version)],
                assignments: [], expected: nil, by: try client.actor, on: store)
        } catch let closed as PeriodLocks.Closed {
            throw APIProblem.locked(closed.description)
        } catch is ActivityPlans.Conflict {
            var problem = APIProblem(.conflict, "conflict", title: Text(sv: "Någon annan har ändrat uppföljningen", en: "Someone else changed the follow-up"),
                                     detail: Text(sv: "Aktivitetens uppföljning har ändrats sedan den lästes (version). Inget sparades.",
                                                  en: "The activity's follow-up changed after it was read (version). Nothing was saved."))
            problem.conflicts = [.init(pointer: "/version", activityId: input.path.activityId)]
            throw problem
        }
        let saved = try await PlanReads.plan(plan.id, on: store).activityPlan?.activities.first { $0.id == input.path.activityId }
        guard let saved, let entry = saved.followUps.first(where: { $0.period == period }) else {
            // Nothing to record (not started, no comment, never followed up): the follow-up as it stands.
            let empty = ActivityFollowUp(period: period, status: status)
            return .ok(.init(body: .json(try APIv1Model.followUp(empty, of: saved ?? Activity(id: input.path.activityId, text: "")))))
        }
        return .ok(.init(body: .json(try APIv1Model.followUp(entry, of: saved))))
    }
}
