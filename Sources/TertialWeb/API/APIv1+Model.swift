import Foundation
import TertialAPI
import TertialCore
import TertialStore

/// The typed plan (Core) as API v1 shows it. The API's shape is its own contract (openapi.json), so a
/// change in Core or in the interchange format does not silently change what integrations read.
enum APIv1Model {
    /// Core's vocabulary and the API's enums share their raw values; a value the API does not know is a
    /// server error (a test walks the demo plans through every read), never a crash.
    static func wire<T: RawRepresentable<String>>(_ raw: String) throws -> T {
        guard let value = T(rawValue: raw) else { throw APIModelError(value: raw, type: "\(T.self)") }
        return value
    }

    struct APIModelError: Error, CustomStringConvertible {
        let value: String, type: String
        var description: String { "API v1 has no \(type) for \"\(value)\"" }
    }

    static func summary(_ plan: PlanModel) throws -> Components.Schemas.PlanSummary {
        let decision = plan.decisionDate != nil || plan.decisionParagraph != nil || plan.decisionCaseNumber != nil
            ? Components.Schemas.Decision(date: plan.decisionDate, paragraph: plan.decisionParagraph, caseNumber: plan.decisionCaseNumber) : nil
        return .init(id: plan.id!, title: plan.title, kind: try wire(plan.kind), municipalityId: plan.municipalityID, ownerUnitId: plan.ownerUnitID,
                     budgetYear: plan.budgetYear, planYears: Array(plan.firstYear...max(plan.firstYear, plan.lastYear)), status: try wire(plan.status),
                     isPublic: plan.isPublic, decision: decision)
    }

    static func summary(_ plan: Plan) throws -> Components.Schemas.PlanSummary {
        let decision = plan.decision.map { Components.Schemas.Decision(date: $0.date?.description, paragraph: $0.paragraph, caseNumber: $0.caseNumber) }
        return .init(id: plan.id, title: plan.title, kind: try wire(plan.kind.rawValue), municipalityId: plan.municipality.id,
                     ownerUnitId: plan.ownerUnitID, budgetYear: plan.budgetYear, planYears: plan.planYears, status: try wire(plan.status.rawValue),
                     isPublic: plan.isPublic, decision: decision)
    }

    static func plan(_ plan: Plan) throws -> Components.Schemas.Plan {
        let s = try summary(plan)
        let activityPlan = plan.activityPlan
        return .init(id: s.id, title: s.title, kind: try wire(s.kind.rawValue), municipalityId: s.municipalityId, ownerUnitId: s.ownerUnitId,
                     budgetYear: s.budgetYear, planYears: s.planYears, status: try wire(s.status.rawValue), isPublic: s.isPublic, decision: s.decision,
                     goalAreas: plan.goalAreas.map { .init(id: $0.id, name: $0.name, label: $0.label) },
                     goals: try goals(plan), activities: try (activityPlan?.activities ?? []).map(activity),
                     assignments: try (activityPlan?.assignments ?? []).map(assignment),
                     internalControl: try plan.internalControl.map(internalControl))
    }

    static func goals(_ plan: Plan) throws -> [Components.Schemas.Goal] {
        try plan.goals.map { goal in
            .init(id: goal.id, level: try wire(goal.level.rawValue), code: goal.code, title: goal.title, description: goal.description,
                  ownerUnitId: goal.ownerUnitID, goalAreaId: goal.goalAreaID, parentGoalIds: goal.parentGoalIDs, qualitative: goal.qualitative,
                  indicators: try goal.indicators.map { try indicator($0, goalID: goal.id) })
        }
    }

    static func indicators(_ plan: Plan) throws -> [Components.Schemas.Indicator] {
        try plan.goals.flatMap { goal in try goal.indicators.map { try indicator($0, goalID: goal.id) } }
    }

    static func indicator(_ indicator: Indicator, goalID: String) throws -> Components.Schemas.Indicator {
        .init(id: indicator.id, goalId: goalID, name: indicator.name, description: indicator.description, unit: indicator.unit,
              decimals: indicator.decimals, direction: try wire(indicator.direction.rawValue), genderBreakdown: indicator.genderBreakdown,
              frequency: try wire(indicator.frequency.rawValue), source: try indicator.source.map { try wire($0.kind.rawValue) },
              sourceReference: indicator.source?.reference, baseline: indicator.baseline?.text,
              targets: indicator.targets.keys.sorted().map { .init(year: $0, text: indicator.targets[$0]!.text) },
              values: try indicator.values.map(value))
    }

    static func value(_ entry: ValueEntry) throws -> Components.Schemas.Value {
        .init(period: entry.period.description, gender: try wire(entry.gender.rawValue), kind: try wire(entry.kind.rawValue),
              value: entry.value.text, number: entry.value.number.map { NSDecimalNumber(decimal: $0).doubleValue }, comment: entry.comment)
    }

    static func activity(_ activity: Activity) throws -> Components.Schemas.Activity {
        .init(id: activity.id, text: activity.text,
              goalIds: activity.links.compactMap { if case .goal(let id) = $0 { id } else { nil } },
              assignmentIds: activity.links.compactMap { if case .assignment(let id) = $0 { id } else { nil } },
              responsibleUnitId: activity.responsibleUnitID, responsibleRole: activity.responsibleRole,
              start: activity.start?.code, due: activity.due?.code,
              followUps: try activity.followUps.map { try followUp($0, of: activity) })
    }

    static func followUp(_ entry: ActivityFollowUp, of activity: Activity) throws -> Components.Schemas.ActivityFollowUp {
        .init(period: entry.period.description, status: try wire(entry.status.rawValue), comment: entry.comment,
              percentComplete: entry.percentComplete, version: ActivityPlans.itemVersion(followUpOf: activity, period: entry.period))
    }

    static func assignment(_ assignment: Assignment) throws -> Components.Schemas.Assignment {
        .init(id: assignment.id, number: assignment.number, text: assignment.text, givenBy: assignment.givenBy, scope: try wire(assignment.scope.rawValue),
              reportBy: assignment.reportBy?.code, response: try assignment.response.map { try wire($0.rawValue) },
              responseText: assignment.responseText, status: try wire(assignment.status.rawValue))
    }

    static func internalControl(_ control: InternalControl) throws -> Components.Schemas.InternalControl {
        .init(year: control.year, threshold: control.scale.threshold, likelihoodScale: control.scale.likelihood,
              consequenceScale: control.scale.consequence,
              risks: try control.risks.map { risk in
                  .init(id: risk.id, area: risk.area, process: risk.process, risk: risk.risk, likelihood: risk.likelihood,
                        consequence: risk.consequence, value: risk.value, inPlan: risk.isInPlan(control.scale), motivation: risk.motivation,
                        controls: try risk.controls.map { c in
                            .init(id: c.id, control: c.control, responsible: c.responsible, frequency: c.frequencyText, method: c.method,
                                  reportedTo: c.reportedTo,
                                  results: try c.results.map { .init(occasion: $0.occasion.description, status: try wire($0.status.rawValue),
                                                                     findings: $0.findings, measures: $0.measures) })
                        })
              })
    }

    static func cell(_ cell: ValueHistory.Cell, subject: ValueHistory.Subject, gender: Gender, kind: ValueKind) throws -> Components.Schemas.Cell {
        var indicatorID: String?, measureID: String?
        switch subject {
        case .indicator(let id): indicatorID = id
        case .trackingMeasure(let id): measureID = id
        }
        return .init(indicatorId: indicatorID, trackingMeasureId: measureID, gender: try wire(gender.rawValue), kind: try wire(kind.rawValue),
                     value: cell.text, comment: cell.comment, version: cell.version, recordedBy: cell.recordedBy, recordedAt: cell.recordedAt)
    }
}
