/// One plan as the system holds it: the committee's (or unit's) steering document for its years,
/// with the organisation, goal areas and shared goals it refers to. Every layer above Core works on
/// this type; the interchange format (`TertialInterchange.PlanDocument`) is converted to and from it
/// at the edges (import, export, frozen versions).
///
/// Invariants live in the types: a year is an `Int`, a target is a parsed `Target` (its text kept as
/// written), a value is a `ValueText` (read once, its text kept), a date is a `Day`.
public struct Plan: Hashable, Sendable {
    public var id: String
    public var kind: PlanKind
    public var title: String
    public var ownerUnitID: String
    public var budgetYear: Int
    /// Every year the plan covers, the budget year included ("2021 med plan för 2022–2024" → 2021…2024).
    public var planYears: [Int]
    public var status: PlanStatus
    public var isPublic: Bool
    public var decision: Decision?
    public var attachments: [String]
    /// The plan's own column headings over its goal tables (nil: the template's).
    public var columnHeadings: PlanColumnHeadings?
    /// What people have said about its goals, per period: the latest assessment and analysis.
    public var assessments: [GoalAssessment] = []

    public var municipality: Municipality
    /// The units the plan refers to, with their ancestors, in the municipality's order.
    public var units: [OrgUnit]
    public var goalAreas: [GoalArea]
    public var basicMissions: [BasicMission]
    /// The plan's own goals and the goals above them that it shows, in the plan's order.
    public var goals: [Goal]
    public var trackingMeasures: [TrackingMeasure]
    public var economy: Economy?
    public var activityPlan: ActivityPlan?
    /// The plan's text sections (foreword, vision, …) in the plan's order (see `TextSection`).
    public var textSections: [TextSection]?
    public var internalControl: InternalControl?

    public init(id: String, kind: PlanKind, title: String, ownerUnitID: String, budgetYear: Int, planYears: [Int], status: PlanStatus,
                isPublic: Bool, decision: Decision?, attachments: [String], municipality: Municipality, units: [OrgUnit],
                goalAreas: [GoalArea], basicMissions: [BasicMission], goals: [Goal], trackingMeasures: [TrackingMeasure],
                economy: Economy? = nil, activityPlan: ActivityPlan? = nil, textSections: [TextSection]? = nil,
                internalControl: InternalControl? = nil, columnHeadings: PlanColumnHeadings? = nil, assessments: [GoalAssessment] = []) {
        self.id = id; self.kind = kind; self.title = title; self.ownerUnitID = ownerUnitID; self.budgetYear = budgetYear
        self.planYears = planYears; self.status = status; self.isPublic = isPublic; self.decision = decision; self.attachments = attachments
        self.municipality = municipality; self.units = units; self.goalAreas = goalAreas; self.basicMissions = basicMissions
        self.goals = goals; self.trackingMeasures = trackingMeasures; self.economy = economy; self.activityPlan = activityPlan
        self.textSections = textSections; self.internalControl = internalControl; self.columnHeadings = columnHeadings
        self.assessments = assessments
    }
}

extension Plan {
    /// The plan as it is followed up: retired goals, indicators and tracking measures left out (they
    /// stay in the plan, and in exports, for their history).
    public var activeView: Plan {
        var copy = self
        copy.trackingMeasures = trackingMeasures.filter(\.isActive)
        copy.goals = goals.filter(\.isActive).map { goal in
            var goal = goal
            goal.indicators = goal.indicators.filter(\.isActive)
            return goal
        }
        return copy
    }

    /// Tracking measures that belong to no basic mission, grouped by the heading they are listed
    /// under ("Följetal" when they have none), groups and measures in the plan's order.
    public var trackingMeasureGroups: [(name: String, measures: [TrackingMeasure])] {
        var order: [String] = []
        var byGroup: [String: [TrackingMeasure]] = [:]
        for measure in trackingMeasures where measure.basicMissionID == nil {
            let key = measure.group ?? "Följetal"
            if byGroup[key] == nil { order.append(key) }
            byGroup[key, default: []].append(measure)
        }
        return order.map { ($0, byGroup[$0]!) }
    }

    /// Each basic mission that has tracking measures, with them, in the plan's order.
    public var trackingMeasuresByMission: [(mission: BasicMission, measures: [TrackingMeasure])] {
        basicMissions.compactMap { mission in
            let measures = trackingMeasures.filter { $0.basicMissionID == mission.id }
            return measures.isEmpty ? nil : (mission, measures)
        }
    }

    public func unit(_ id: String) -> OrgUnit? { units.first { $0.id == id } }
}

public struct Municipality: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The municipality's own names for unit kinds, e.g. committee → "Nämnd/styrelse".
    public var unitKindLabels: [OrgUnitKind: String]?
    /// The periods the municipality follows up; nil means the standard ones (T1, delår, helår).
    public var followUpPeriods: [FollowUpPeriod]?
    /// The municipality's own names for goal levels ("Verksamhetsmål" for its council's goals).
    public var goalLevelLabels: [GoalLevel: String]?

    public init(id: String, name: String, unitKindLabels: [OrgUnitKind: String]? = nil, followUpPeriods: [FollowUpPeriod]? = nil,
                goalLevelLabels: [GoalLevel: String]? = nil) {
        self.id = id; self.name = name; self.unitKindLabels = unitKindLabels; self.followUpPeriods = followUpPeriods
        self.goalLevelLabels = goalLevelLabels
    }

    /// What the municipality calls a goal of a level: its own name, else Tertial's ("Nämndmål").
    public func goalLabel(_ level: GoalLevel) -> String { goalLevelLabels?[level] ?? level.label }

    /// The follow-up periods of `year`, in time order.
    public func periods(of year: Int) -> [Period] {
        let parts = followUpPeriods ?? FollowUpPeriod.standard
        var result: [Period] = []
        if parts.contains(.month) { result += (1...12).map { Period(year: year, part: .month($0)) } }
        for kind in FollowUpPeriod.allCases where kind != .month && parts.contains(kind) {
            result.append(Period(year: year, part: kind.part!))
        }
        return result.sorted()
    }
}

/// A kind of period a municipality follows up, by its code in the interchange format.
public enum FollowUpPeriod: String, CaseIterable, Hashable, Sendable {
    case month, T1, T2, T3, D, year

    public static let standard: [FollowUpPeriod] = [.T1, .D, .year]

    /// The period part (nil for months: there are twelve).
    var part: Period.Part? {
        switch self {
        case .month: nil
        case .T1: .tertial(1)
        case .T2: .tertial(2)
        case .T3: .tertial(3)
        case .D: .interim
        case .year: .year
        }
    }
}

public struct OrgUnit: Hashable, Sendable {
    public var id: String
    public var kind: OrgUnitKind
    public var name: String
    public var parentID: String?

    public init(id: String, kind: OrgUnitKind, name: String, parentID: String?) {
        self.id = id; self.kind = kind; self.name = name; self.parentID = parentID
    }
}

public struct GoalArea: Hashable, Sendable {
    public var id: String
    public var name: String
    /// What the municipality calls it: "Målområde", "Strategiskt område", "Perspektiv", "Förutsättning".
    public var label: String?
    public var description: String?

    public init(id: String, name: String, label: String?, description: String?) {
        self.id = id; self.name = name; self.label = label; self.description = description
    }
}

public struct Decision: Hashable, Sendable {
    public var body: String
    public var date: Day?
    public var paragraph: String?
    public var caseNumber: String?
    /// The decision points (beslutspunkter), in order.
    public var points: [String]
    /// What the decision was based on (beslutsunderlag), as listed; nil when the plan does not say.
    public var basis: [String]?

    public init(body: String, date: Day?, paragraph: String?, caseNumber: String?, points: [String], basis: [String]? = nil) {
        self.body = body; self.date = date; self.paragraph = paragraph; self.caseNumber = caseNumber; self.points = points; self.basis = basis
    }
}

public struct BasicMission: Hashable, Sendable {
    public var id: String
    public var title: String
    public var text: String?

    public init(id: String, title: String, text: String?) { self.id = id; self.title = title; self.text = text }
}

/// The plan's activities, the assignments it answers and its other plans (premises, prioritised
/// steering documents, competence supply, digitalisation).
public struct ActivityPlan: Hashable, Sendable {
    public var activities: [Activity]
    public var assignments: [Assignment]
    /// Nil when the plan has no premises plan (an empty one is printed as such).
    public var premisesNeeds: [PremisesNeed]?
    public var steeringDocuments: [SteeringDocument]?
    public var competenceSupply: CompetenceSupplyPlan?
    public var digitalisation: DigitalisationPlan?

    public init(activities: [Activity] = [], assignments: [Assignment] = [], premisesNeeds: [PremisesNeed]? = nil,
                steeringDocuments: [SteeringDocument]? = nil, competenceSupply: CompetenceSupplyPlan? = nil, digitalisation: DigitalisationPlan? = nil) {
        self.activities = activities; self.assignments = assignments; self.premisesNeeds = premisesNeeds
        self.steeringDocuments = steeringDocuments; self.competenceSupply = competenceSupply; self.digitalisation = digitalisation
    }
}
