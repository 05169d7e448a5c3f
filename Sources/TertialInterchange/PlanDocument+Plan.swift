import TertialCore

// The one adapter between the interchange format and the typed plan. Reading is
// `PlanValidator.read` (it checks and builds in one walk); writing is `PlanDocument(plan)`, in the
// lowest version that holds the plan. Empty optional lists are written absent, as the store writes them.

extension PlanDocument {
    /// The typed plan, or an `InterchangeError` naming every problem.
    public func typed() throws(InterchangeError) -> Plan {
        let (plan, problems) = PlanValidator.read(self)
        guard let plan else { throw InterchangeError(problems) }
        return plan
    }

    /// The typed plan with what reads, and the problems of what does not (see `PlanValidator.read`).
    public func typedKeepingWhatReads() -> (plan: Plan, problems: [InterchangeProblem]) {
        let (plan, problems) = PlanValidator.read(self, lenient: true)
        return (plan!, problems)
    }

    public init(_ plan: Plan) {
        let municipality = MunicipalityRecord(
            id: plan.municipality.id, name: plan.municipality.name,
            unitKindLabels: plan.municipality.unitKindLabels.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value) }) },
            followUpPeriods: plan.municipality.followUpPeriods?.map(\.rawValue),
            goalLevelLabels: plan.municipality.goalLevelLabels.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.key.rawValue, $0.value) }) })
        let decision = plan.decision.map {
            DecisionRecord(body: $0.body, date: $0.date?.description, paragraph: $0.paragraph, caseNumber: $0.caseNumber, points: $0.points, basis: $0.basis)
        }
        self.init(
            municipality: municipality,
            units: plan.units.map { UnitRecord(id: $0.id, kind: $0.kind, name: $0.name, parentId: $0.parentID) },
            goalAreas: plan.goalAreas.map { GoalAreaRecord(id: $0.id, name: $0.name, label: $0.label, description: $0.description) },
            plan: PlanRecord(id: plan.id, kind: plan.kind, title: plan.title, ownerUnitId: plan.ownerUnitID, budgetYear: plan.budgetYear,
                             planYears: plan.planYears, status: plan.status, isPublic: plan.isPublic, decision: decision, attachments: plan.attachments,
                             columnHeadings: plan.columnHeadings.map { ColumnHeadingsRecord(value: $0.value, target: $0.target, baseline: $0.baseline) }),
            basicMissions: plan.basicMissions.map { BasicMissionRecord(id: $0.id, title: $0.title, text: $0.text) },
            goals: plan.goals.map(GoalRecord.init),
            trackingMeasures: plan.trackingMeasures.map(TrackingMeasureRecord.init),
            economy: plan.economy.map(EconomyRecord.init),
            activityPlan: plan.activityPlan.map(ActivityPlanRecord.init),
            textSections: plan.textSections.map { TextSectionsRecord($0.map(TextSectionRecord.init)) },
            internalControl: plan.internalControl.map(InternalControlRecord.init))
        assessments = plan.assessments.isEmpty ? nil : plan.assessments.map {
            GoalAssessmentRecord(goalId: $0.goalID, period: $0.period, assessment: $0.assessment, reason: $0.reason, analysis: $0.analysis)
        }
        version = requiredVersion
    }
}

extension GoalRecord {
    public init(_ goal: Goal) {
        self.init(id: goal.id, level: goal.level, code: goal.code, title: goal.title, description: goal.description, ownerUnitId: goal.ownerUnitID,
                  goalAreaId: goal.goalAreaID, parentGoalIds: goal.parentGoalIDs, agenda2030: goal.agenda2030, childRights: goal.childRights,
                  qualitative: goal.qualitative, indicators: goal.indicators.map(IndicatorRecord.init))
        retired = goal.isRetired ? true : nil
        continues = goal.continues
    }
}

extension IndicatorRecord {
    public init(_ indicator: Indicator) {
        self.init(id: indicator.id, name: indicator.name, description: indicator.description, unit: indicator.unit, decimals: indicator.decimals,
                  direction: indicator.direction, source: indicator.source.map { SourceRecord(kind: $0.kind, reference: $0.reference) },
                  genderBreakdown: indicator.genderBreakdown, frequency: indicator.frequency, baseline: indicator.baseline?.text,
                  values: indicator.values.map(ValueRecord.init),
                  targets: Dictionary(uniqueKeysWithValues: indicator.targets.map { (String($0.key), $0.value.text) }), note: indicator.note)
        retired = indicator.isRetired ? true : nil
    }
}

extension TrackingMeasureRecord {
    public init(_ measure: TrackingMeasure) {
        self.init(id: measure.id, name: measure.name, group: measure.group, unit: measure.unit, decimals: measure.decimals,
                  basicMissionId: measure.basicMissionID, approvedLevel: measure.approvedLevel?.text, values: measure.values.map(ValueRecord.init),
                  note: measure.note)
        retired = measure.isRetired ? true : nil
    }
}

extension ValueRecord {
    public init(_ entry: ValueEntry) {
        self.init(period: entry.period, gender: entry.gender, kind: entry.kind, value: entry.value.text, comment: entry.comment)
    }
}

extension ActivityPlanRecord {
    /// The typed activity plan, and the problems that keep it from being read.
    public func typed(at path: JSONPath = JSONPath() + "activityPlan", references: ActivityPlanReferences? = nil) -> (ActivityPlan, [InterchangeProblem]) {
        let (activities, assignments, problems) = activityPlan(at: path, references: references)
        let premises = premisesNeeds == nil ? nil : premises(at: path).0
        let other = otherPlans(at: path)
        return (ActivityPlan(activities: activities, assignments: assignments, premisesNeeds: premises,
                             steeringDocuments: steeringDocuments == nil ? nil : other.steeringDocuments,
                             competenceSupply: other.competence, digitalisation: other.digitalisation), problems)
    }

    public init(_ plan: ActivityPlan) {
        func nonEmpty<T>(_ list: [T]) -> [T]? { list.isEmpty ? nil : list }
        self.init(
            activities: plan.activities.map { a in
                ActivityRecord(id: a.id, text: a.text, goalIds: nonEmpty(a.links.compactMap { if case .goal(let id) = $0 { id } else { nil } }),
                               assignmentIds: nonEmpty(a.links.compactMap { if case .assignment(let id) = $0 { id } else { nil } }),
                               steeringDocumentIds: nonEmpty(a.links.compactMap { if case .steeringDocument(let id) = $0 { id } else { nil } }),
                               responsibleUnitId: a.responsibleUnitID, responsibleRole: a.responsibleRole, start: a.start?.code, due: a.due?.code,
                               followUps: nonEmpty(a.followUps.map { ActivityFollowUpRecord(period: $0.period, status: $0.status, comment: $0.comment, percentComplete: $0.percentComplete) }),
                               carriedFrom: a.carriedFrom)
            },
            assignments: plan.assignments.map { a in
                AssignmentRecord(id: a.id, number: a.number, text: a.text, givenBy: a.givenBy, goalAreaId: a.goalAreaID, scope: a.scope,
                                 committeeIds: nonEmpty(a.committeeIDs), coordinatingCommitteeId: a.coordinatingCommitteeID,
                                 reportBy: a.reportBy?.code, response: a.response, responseText: a.responseText,
                                 status: a.status == .notStarted ? nil : a.status)
            },
            premisesNeeds: plan.premisesNeeds?.map {
                PremisesNeedRecord(id: $0.id, need: $0.need, when: $0.when, category: $0.category, priority: $0.priority, motivation: $0.motivation)
            },
            steeringDocuments: plan.steeringDocuments?.map {
                SteeringDocumentRecord(id: $0.id, title: $0.title, kind: $0.kind, adoptedBy: $0.adoptedBy, adopted: $0.adopted?.description,
                                       validThrough: $0.validThrough, summary: $0.summary)
            },
            competenceSupply: plan.competenceSupply.map { c in
                CompetenceSupplyRecord(needs: nonEmpty(c.needs.map { CompetenceNeedRecord(id: $0.id, need: $0.need, measures: $0.measures, when: $0.when) }),
                                       strategy: c.strategy.map { StrategyGridRecord(title: $0.title, subtitle: $0.subtitle, header: $0.header, rows: $0.rows) })
            },
            digitalisation: plan.digitalisation.map { d in
                DigitalisationRecord(currentState: nonEmpty(d.currentState), desiredState: nonEmpty(d.desiredState), desiredHorizon: d.desiredHorizon,
                                     plan: nonEmpty(d.plan))
            })
    }
}
