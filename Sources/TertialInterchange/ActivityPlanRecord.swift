import Foundation
import TertialCore

/// The plan's activities and the assignments it answers, in the interchange format (version 2,
/// optional `activityPlan`). Dates are machine forms: a quarter "2024-Q3" or a day "2024-09-30";
/// `activityPlan()` reads them into TertialCore's `Activity` and `Assignment`, naming the place of
/// every problem.
public struct ActivityPlanRecord: Codable, Hashable, Sendable {
    public var activities: [ActivityRecord]
    public var assignments: [AssignmentRecord]
    /// The premises plan's needs (the first of the committee's other plans), when the plan has one.
    public var premisesNeeds: [PremisesNeedRecord]?
    /// Prioritised steering documents; activities name them in `steeringDocumentIds`.
    public var steeringDocuments: [SteeringDocumentRecord]?
    public var competenceSupply: CompetenceSupplyRecord?
    public var digitalisation: DigitalisationRecord?

    public init(activities: [ActivityRecord] = [], assignments: [AssignmentRecord] = [], premisesNeeds: [PremisesNeedRecord]? = nil,
                steeringDocuments: [SteeringDocumentRecord]? = nil, competenceSupply: CompetenceSupplyRecord? = nil, digitalisation: DigitalisationRecord? = nil) {
        self.activities = activities; self.assignments = assignments; self.premisesNeeds = premisesNeeds
        self.steeringDocuments = steeringDocuments; self.competenceSupply = competenceSupply; self.digitalisation = digitalisation
    }
}

public struct SteeringDocumentRecord: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var kind: String?
    public var adoptedBy: String?
    /// "2020-06-16".
    public var adopted: String?
    public var validThrough: Int?
    public var summary: String?

    public init(id: String, title: String, kind: String? = nil, adoptedBy: String? = nil, adopted: String? = nil, validThrough: Int? = nil, summary: String? = nil) {
        self.id = id; self.title = title; self.kind = kind; self.adoptedBy = adoptedBy; self.adopted = adopted; self.validThrough = validThrough; self.summary = summary
    }
}

public struct CompetenceSupplyRecord: Codable, Hashable, Sendable {
    public var needs: [CompetenceNeedRecord]?
    public var strategy: StrategyGridRecord?
    public init(needs: [CompetenceNeedRecord]? = nil, strategy: StrategyGridRecord? = nil) { self.needs = needs; self.strategy = strategy }
}

public struct CompetenceNeedRecord: Codable, Hashable, Sendable {
    public var id: String
    public var need: String
    public var measures: [String]
    public var when: String?
    public init(id: String, need: String, measures: [String], when: String? = nil) { self.id = id; self.need = need; self.measures = measures; self.when = when }
}

public struct StrategyGridRecord: Codable, Hashable, Sendable {
    public var title: String
    public var subtitle: String?
    public var header: [String]
    public var rows: [[String]]
    public init(title: String, subtitle: String? = nil, header: [String], rows: [[String]]) {
        self.title = title; self.subtitle = subtitle; self.header = header; self.rows = rows
    }
}

public struct DigitalisationRecord: Codable, Hashable, Sendable {
    public var currentState: [String]?
    public var desiredState: [String]?
    public var desiredHorizon: String?
    public var plan: [String]?
    public init(currentState: [String]? = nil, desiredState: [String]? = nil, desiredHorizon: String? = nil, plan: [String]? = nil) {
        self.currentState = currentState; self.desiredState = desiredState; self.desiredHorizon = desiredHorizon; self.plan = plan
    }
}

extension ActivityPlanRecord {
    /// The steering documents, competence supply and digitalisation plans as TertialCore values, and
    /// the problems that keep them from being read.
    public func otherPlans(at path: JSONPath = JSONPath() + "activityPlan")
        -> (steeringDocuments: [SteeringDocument], competence: CompetenceSupplyPlan?, digitalisation: DigitalisationPlan?, problems: [InterchangeProblem]) {
        var v = Validation()
        let documents = steeringDocuments ?? []
        _ = v.uniqueIds(documents.map(\.id), at: path + "steeringDocuments", kind: "styrdokument")
        var typed: [SteeringDocument] = []
        for (i, d) in documents.enumerated() {
            let p = (path + "steeringDocuments")[i]
            v.name(d.title, at: p + "title"); v.optionalName(d.kind, at: p + "kind"); v.optionalName(d.adoptedBy, at: p + "adoptedBy"); v.text(d.summary, at: p + "summary")
            var adopted: Day?
            if let text = d.adopted {
                adopted = Day(text)
                if adopted == nil { v.problem(p + "adopted", "\"\(text.prefix(20))\" är inget datum (ÅÅÅÅ-MM-DD)") }
            }
            if let year = d.validThrough, !(1900...2200).contains(year) { v.problem(p + "validThrough", "\(year) är inget år") }
            typed.append(SteeringDocument(id: d.id, title: d.title, kind: d.kind, adoptedBy: d.adoptedBy, adopted: adopted, validThrough: d.validThrough, summary: d.summary))
        }
        var competence: CompetenceSupplyPlan?
        if let c = competenceSupply {
            let p = path + "competenceSupply"
            let needs = c.needs ?? []
            _ = v.uniqueIds(needs.map(\.id), at: p + "needs", kind: "kompetensbehov")
            for (i, need) in needs.enumerated() {
                v.name(need.need, at: (p + "needs")[i] + "need"); v.optionalName(need.when, at: (p + "needs")[i] + "when")
                for (j, m) in need.measures.enumerated() {
                    v.text(m, at: ((p + "needs")[i] + "measures")[j])
                    if m.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { v.problem(((p + "needs")[i] + "measures")[j], "får inte vara tomt") }
                }
            }
            var strategy: StrategyGrid?
            if let g = c.strategy {
                let gp = p + "strategy"
                v.name(g.title, at: gp + "title"); v.optionalName(g.subtitle, at: gp + "subtitle")
                if g.header.isEmpty { v.problem(gp + "header", "ska ha minst en kolumn") }
                for (i, row) in g.rows.enumerated() where row.count != g.header.count {
                    v.problem((gp + "rows")[i], "har \(row.count) celler men rubrikraden \(g.header.count)")
                }
                for (j, cell) in g.header.enumerated() { v.text(cell, at: (gp + "header")[j]) }
                for (i, row) in g.rows.enumerated() { for (j, cell) in row.enumerated() { v.text(cell, at: ((gp + "rows")[i])[j]) } }
                strategy = StrategyGrid(title: g.title, subtitle: g.subtitle, header: g.header, rows: g.rows)
            }
            competence = CompetenceSupplyPlan(needs: needs.map { CompetenceNeed(id: $0.id, need: $0.need, measures: $0.measures, when: $0.when) }, strategy: strategy)
        }
        var digital: DigitalisationPlan?
        if let d = digitalisation {
            let p = path + "digitalisation"
            for (key, items) in [("currentState", d.currentState), ("desiredState", d.desiredState), ("plan", d.plan)] {
                for (i, item) in (items ?? []).enumerated() { v.text(item, at: (p + key)[i]); if item.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { v.problem((p + key)[i], "får inte vara tomt") } }
            }
            v.optionalName(d.desiredHorizon, at: p + "desiredHorizon")
            digital = DigitalisationPlan(currentState: d.currentState ?? [], desiredState: d.desiredState ?? [], desiredHorizon: d.desiredHorizon, plan: d.plan ?? [])
        }
        return (typed, competence, digital, v.problems)
    }
}

public struct PremisesNeedRecord: Codable, Hashable, Sendable {
    public var id: String
    public var need: String
    public var when: String
    public var category: String
    public var priority: Int?
    public var motivation: String?

    public init(id: String, need: String, when: String, category: String, priority: Int? = nil, motivation: String? = nil) {
        self.id = id; self.need = need; self.when = when; self.category = category; self.priority = priority; self.motivation = motivation
    }
}

extension ActivityPlanRecord {
    /// The premises needs as TertialCore values, and the problems that keep them from being read.
    public func premises(at path: JSONPath = JSONPath() + "activityPlan") -> ([PremisesNeed], [InterchangeProblem]) {
        var v = Validation()
        let needs = premisesNeeds ?? []
        _ = v.uniqueIds(needs.map(\.id), at: path + "premisesNeeds", kind: "lokalbehov")
        for (i, need) in needs.enumerated() {
            let p = (path + "premisesNeeds")[i]
            v.name(need.need, at: p + "need"); v.name(need.when, at: p + "when"); v.name(need.category, at: p + "category"); v.text(need.motivation, at: p + "motivation")
            if let priority = need.priority, !(1...99).contains(priority) { v.problem(p + "priority", "prioriteringen ska vara 1–99") }
        }
        return (needs.map { PremisesNeed(id: $0.id, need: $0.need, when: $0.when, category: $0.category, priority: $0.priority, motivation: $0.motivation) }, v.problems)
    }
}

public struct ActivityRecord: Codable, Hashable, Sendable {
    public var id: String
    public var text: String
    public var goalIds: [String]?
    public var assignmentIds: [String]?
    public var steeringDocumentIds: [String]?
    public var responsibleUnitId: String?
    public var responsibleRole: String?
    /// "2024-Q3" or "2024-09-30".
    public var start: String?
    public var due: String?
    public var followUps: [ActivityFollowUpRecord]?
    /// Version 3: the budget year of the plan the activity was first planned in, where it was carried
    /// over unfinished into a later plan.
    public var carriedFrom: Int?

    public init(id: String, text: String, goalIds: [String]? = nil, assignmentIds: [String]? = nil, steeringDocumentIds: [String]? = nil,
                responsibleUnitId: String? = nil, responsibleRole: String? = nil, start: String? = nil, due: String? = nil,
                followUps: [ActivityFollowUpRecord]? = nil, carriedFrom: Int? = nil) {
        self.carriedFrom = carriedFrom
        self.id = id; self.text = text; self.goalIds = goalIds; self.assignmentIds = assignmentIds; self.steeringDocumentIds = steeringDocumentIds
        self.responsibleUnitId = responsibleUnitId; self.responsibleRole = responsibleRole; self.start = start; self.due = due; self.followUps = followUps
    }
}

public struct ActivityFollowUpRecord: Codable, Hashable, Sendable {
    public var period: Period
    public var status: ActivityStatus
    public var comment: String?
    /// Version 3: how much of the activity is done, in percent (0–100).
    public var percentComplete: Int?

    public init(period: Period, status: ActivityStatus, comment: String? = nil, percentComplete: Int? = nil) {
        self.period = period; self.status = status; self.comment = comment; self.percentComplete = percentComplete
    }
}

public struct AssignmentRecord: Codable, Hashable, Sendable {
    public var id: String
    public var number: String?
    public var text: String
    public var givenBy: String?
    public var goalAreaId: String?
    public var scope: Assignment.Scope
    public var committeeIds: [String]?
    public var coordinatingCommitteeId: String?
    /// "2021-12-31".
    public var reportBy: String?
    public var response: Assignment.Response?
    public var responseText: String?
    public var status: ActivityStatus?

    public init(id: String, number: String? = nil, text: String, givenBy: String? = nil, goalAreaId: String? = nil, scope: Assignment.Scope,
                committeeIds: [String]? = nil, coordinatingCommitteeId: String? = nil, reportBy: String? = nil, response: Assignment.Response? = nil,
                responseText: String? = nil, status: ActivityStatus? = nil) {
        self.id = id; self.number = number; self.text = text; self.givenBy = givenBy; self.goalAreaId = goalAreaId; self.scope = scope
        self.committeeIds = committeeIds; self.coordinatingCommitteeId = coordinatingCommitteeId; self.reportBy = reportBy
        self.response = response; self.responseText = responseText; self.status = status
    }
}

/// What the references of an activity plan may point at.
public struct ActivityPlanReferences: Sendable {
    public var unitIDs: Set<String>
    public var goalIDs: Set<String>
    public var goalAreaIDs: Set<String>
    public var budgetYear: Int
    public init(unitIDs: Set<String>, goalIDs: Set<String>, goalAreaIDs: Set<String>, budgetYear: Int) {
        self.unitIDs = unitIDs; self.goalIDs = goalIDs; self.goalAreaIDs = goalAreaIDs; self.budgetYear = budgetYear
    }
}

extension ActivityPlanRecord {
    public func activityPlan(at path: JSONPath = JSONPath() + "activityPlan", references: ActivityPlanReferences? = nil)
        -> (activities: [Activity], assignments: [Assignment], problems: [InterchangeProblem]) {
        var v = Validation()
        // A month or words without a year ("senast i maj") belong to the plan's budget year. Without the
        // plan (a fingerprint of the stored record) only their text matters, which is kept as written.
        let budgetYear = references?.budgetYear ?? 2000
        let assignmentIDs = v.uniqueIds(assignments.map(\.id), at: path + "assignments", kind: "uppdrag")
        _ = v.uniqueIds(activities.map(\.id), at: path + "activities", kind: "aktivitet")
        let steeringIDs = Set((steeringDocuments ?? []).map(\.id))
        var typedAssignments: [Assignment] = []
        for (i, a) in assignments.enumerated() {
            let p = (path + "assignments")[i]
            v.text(a.text, at: p + "text")
            if a.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { v.problem(p + "text", "får inte vara tomt") }
            v.optionalName(a.number, at: p + "number"); v.optionalName(a.givenBy, at: p + "givenBy"); v.text(a.responseText, at: p + "responseText")
            if let references {
                if let area = a.goalAreaId, !references.goalAreaIDs.contains(area) { v.dangling(area, at: p + "goalAreaId", kind: "målområde") }
                for (j, unit) in (a.committeeIds ?? []).enumerated() where !references.unitIDs.contains(unit) { v.dangling(unit, at: (p + "committeeIds")[j], kind: "enhet") }
                if let unit = a.coordinatingCommitteeId, !references.unitIDs.contains(unit) { v.dangling(unit, at: p + "coordinatingCommitteeId", kind: "enhet") }
            }
            if a.scope == .namedCommittees, (a.committeeIds ?? []).isEmpty { v.problem(p + "committeeIds", "ett nämndspecifikt uppdrag ska ange minst en nämnd") }
            var reportBy: DueDate?
            if let text = a.reportBy {
                reportBy = DueDate(code: text, defaultYear: budgetYear)
                if reportBy == nil { v.problem(p + "reportBy", "\"\(text.prefix(40))\" anger ingen tidpunkt; skriv \(DueDate.forms)") }
            }
            typedAssignments.append(Assignment(id: a.id, number: a.number, text: a.text, givenBy: a.givenBy, goalAreaID: a.goalAreaId, scope: a.scope,
                                               committeeIDs: a.committeeIds ?? [], coordinatingCommitteeID: a.coordinatingCommitteeId, reportBy: reportBy,
                                               response: a.response, responseText: a.responseText, status: a.status ?? .notStarted))
        }
        var typedActivities: [Activity] = []
        for (i, a) in activities.enumerated() {
            let p = (path + "activities")[i]
            v.text(a.text, at: p + "text")
            if a.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { v.problem(p + "text", "får inte vara tomt") }
            v.optionalName(a.responsibleRole, at: p + "responsibleRole")
            var links: [ActivityLink] = []
            for (j, goal) in (a.goalIds ?? []).enumerated() {
                if let references, !references.goalIDs.contains(goal) { v.dangling(goal, at: (p + "goalIds")[j], kind: "mål") }
                links.append(.goal(goal))
            }
            for (j, id) in (a.assignmentIds ?? []).enumerated() {
                if !assignmentIDs.contains(id) { v.dangling(id, at: (p + "assignmentIds")[j], kind: "uppdrag") }
                links.append(.assignment(id))
            }
            for (j, id) in (a.steeringDocumentIds ?? []).enumerated() {
                if !steeringIDs.contains(id) { v.dangling(id, at: (p + "steeringDocumentIds")[j], kind: "styrdokument") }
                links.append(.steeringDocument(id))
            }
            if let references, let unit = a.responsibleUnitId, !references.unitIDs.contains(unit) { v.dangling(unit, at: p + "responsibleUnitId", kind: "enhet") }
            func date(_ text: String?, _ key: String) -> DueDate? {
                guard let text else { return nil }
                guard let due = DueDate(code: text, defaultYear: budgetYear) else { v.problem(p + key, "\"\(text.prefix(40))\" anger ingen tidpunkt; skriv \(DueDate.forms)"); return nil }
                return due
            }
            let start = date(a.start, "start"), due = date(a.due, "due")
            if let start, let due, due.lastDay < start.lastDay { v.problem(p + "due", "slutar före starten") }
            if let year = a.carriedFrom, !(1900...budgetYear).contains(year) {
                v.problem(p + "carriedFrom", "\(year) är inget år som aktiviteten kan vara överförd från (planens budgetår är \(budgetYear))")
            }
            var seenPeriods: Set<Period> = []
            for (j, f) in (a.followUps ?? []).enumerated() {
                if !seenPeriods.insert(f.period).inserted { v.problem((p + "followUps")[j] + "period", "perioden \(f.period) finns redan för aktiviteten") }
                v.text(f.comment, at: (p + "followUps")[j] + "comment")
                if let percent = f.percentComplete, !ActivityFollowUp.percentRange.contains(percent) {
                    v.problem((p + "followUps")[j] + "percentComplete", "\(percent) är ingen andel klart; skriv ett heltal från 0 till 100")
                }
            }
            typedActivities.append(Activity(id: a.id, text: a.text, links: links, responsibleUnitID: a.responsibleUnitId, responsibleRole: a.responsibleRole,
                                            start: start, due: due, followUps: (a.followUps ?? []).map { ActivityFollowUp(period: $0.period, status: $0.status, comment: $0.comment, percentComplete: $0.percentComplete) }
                                                .sorted { $0.period < $1.period }, carriedFrom: a.carriedFrom))
        }
        return (typedActivities, typedAssignments, v.problems + premises(at: path).1 + otherPlans(at: path).problems)
    }
}
