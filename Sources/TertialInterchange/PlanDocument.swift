import TertialCore

/// The plan interchange format: one plan with the organisation, goal areas and council goals it
/// refers to. Version 1 (`docs/interchange/plan-v1.schema.json`) holds goals, indicators and
/// tracking measures; version 2 (`plan-v2.schema.json`) adds the plan's `economy` and `activityPlan`. A plan is
/// written in the lowest version that holds it, so a plan without economy gives the same bytes as
/// before version 2 existed (frozen versions stay identical), and every version 1 file still reads.
///
/// Values and targets are strings exactly as printed ("8,2%", "i.u", "≤108", "95% inom 120 dgr");
/// Tertial reads numbers and forms from them (see TertialCore's `ValueText` and `TargetParser`).
public struct PlanDocument: Codable, Hashable, Sendable {
    public static let formatName = "tertial-plan"
    public static let currentVersion = 3
    public static let readableVersions = [1, 2, 3]

    public var format: String
    public var version: Int
    public var municipality: MunicipalityRecord
    public var units: [UnitRecord]
    public var goalAreas: [GoalAreaRecord]
    public var plan: PlanRecord
    public var basicMissions: [BasicMissionRecord]
    public var goals: [GoalRecord]
    public var trackingMeasures: [TrackingMeasureRecord]
    /// Version 2: budgets, investments, volumes, personnel figures, frame transfers, monthly follow-up.
    public var economy: EconomyRecord?
    /// Version 2: activities and the assignments the plan answers.
    public var activityPlan: ActivityPlanRecord?
    /// Version 2: the plan's text sections (foreword, vision, mission, …) by heading, as formatted text
    /// (safe Markdown: see TertialCore's `FormattedText`); version 3: the same as a list in the plan's
    /// order, each optionally placed under another section (see `TextSectionsRecord`).
    public var textSections: TextSectionsRecord?
    /// Version 2: the risk analysis, the internal control plan and its results.
    public var internalControl: InternalControlRecord?
    /// Version 3: what people have said about the goals per period (assessment, reason, analysis).
    public var assessments: [GoalAssessmentRecord]?

    /// The version this document is written in: the lowest that holds what it has.
    public var requiredVersion: Int {
        if let textSections, !textSections.fitsObject { return 3 }
        if economy?.summaries != nil || municipality.goalLevelLabels != nil || plan.columnHeadings != nil || holdsRunsOfMonths
            || economy?.operatingBudgets.contains(where: { $0.sections.contains { $0.lines.contains { $0.decimals != nil || $0.role == "deviation" } } }) == true
            || assessments != nil || plan.kind == .annualReport || holdsDueDatesInWords
            || activityPlan?.activities.contains(where: { ($0.followUps ?? []).contains { $0.percentComplete != nil } || $0.carriedFrom != nil }) == true
            || goals.contains(where: { $0.continues != nil })
            || economy.map { e in (e.operatingBudgets.flatMap(\.columns) + (e.summaries ?? []).flatMap(\.columns)).contains { $0.kind == .deviation } } == true
            || economy?.investmentBudgets.contains(where: { $0.investments.contains { $0.group != nil } }) == true { return 3 }
        return economy == nil && activityPlan == nil && textSections == nil && internalControl == nil ? 1 : 2
    }

    public init(municipality: MunicipalityRecord, units: [UnitRecord], goalAreas: [GoalAreaRecord], plan: PlanRecord,
                basicMissions: [BasicMissionRecord], goals: [GoalRecord], trackingMeasures: [TrackingMeasureRecord], economy: EconomyRecord? = nil,
                activityPlan: ActivityPlanRecord? = nil, textSections: TextSectionsRecord? = nil, internalControl: InternalControlRecord? = nil) {
        self.format = Self.formatName
        self.economy = economy
        self.activityPlan = activityPlan
        self.textSections = textSections
        self.internalControl = internalControl
        self.version = 1
        self.municipality = municipality
        self.units = units
        self.goalAreas = goalAreas
        self.plan = plan
        self.basicMissions = basicMissions
        self.goals = goals
        self.trackingMeasures = trackingMeasures
        self.version = requiredVersion
    }
}

extension PlanDocument {
    /// Whether an activity or assignment is due at a month or in words ("senast i maj"), which version 2 does not hold.
    var holdsDueDatesInWords: Bool { firstDueDateInWords != nil }

    /// The place and text of the first time that only version 3 holds: one that reads as a month or
    /// words, and is no quarter or date in the machine form (an assignment's report-back: no date).
    var firstDueDateInWords: (path: String, text: String)? {
        guard let activityPlan else { return nil }
        func wordsOnly(_ code: String?, plain: (String) -> Bool) -> Bool {
            guard let code else { return false }
            return !plain(code) && DueDate(code: code, defaultYear: plan.budgetYear) != nil
        }
        for (i, a) in activityPlan.activities.enumerated() {
            for (key, code) in [("start", a.start), ("due", a.due)] where wordsOnly(code, plain: { DueDate(code: $0) != nil }) {
                return ("$.activityPlan.activities[\(i)].\(key)", code!)
            }
        }
        for (i, a) in activityPlan.assignments.enumerated() where wordsOnly(a.reportBy, plain: { Day($0) != nil }) {
            return ("$.activityPlan.assignments[\(i)].reportBy", a.reportBy!)
        }
        return nil
    }

    /// Whether a value is for a run of months that is no named period ("2023-01..07", version 3).
    var holdsRunsOfMonths: Bool {
        func run(_ value: ValueRecord) -> Bool { if case .months = value.period.part { true } else { false } }
        return goals.contains { $0.indicators.contains { $0.values.contains(where: run) } } || trackingMeasures.contains { $0.values.contains(where: run) }
    }

    /// Every value the plan holds: its indicators' and its tracking measures'.
    public var valueCount: Int {
        goals.reduce(0) { $0 + $1.indicators.reduce(0) { $0 + $1.values.count } } + trackingMeasures.reduce(0) { $0 + $1.values.count }
    }

    /// The plan as it is followed up: retired goals and indicators left out (they stay in the
    /// document, and in exports, for their history).
    public var activeView: PlanDocument {
        var copy = self
        copy.trackingMeasures = trackingMeasures.filter(\.isActive)
        copy.goals = goals.filter(\.isActive).map { goal in
            var goal = goal
            goal.indicators = goal.indicators.filter(\.isActive)
            return goal
        }
        return copy
    }
}

public struct MunicipalityRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// The municipality's own names for unit kinds, e.g. {"committee": "Nämnd/styrelse"}.
    public var unitKindLabels: [String: String]?
    /// The periods the municipality follows up, as period suffixes: "month", "T1", "T2", "T3", "D"
    /// (delår, January–August) and "year". Absent means T1, D and year.
    public var followUpPeriods: [String]?
    /// Version 3: the municipality's own names for goal levels, e.g. {"council": "Verksamhetsmål"}.
    public var goalLevelLabels: [String: String]?

    public static let standardFollowUpPeriods = ["T1", "D", "year"]
    public static let allowedFollowUpPeriods = ["month", "T1", "T2", "T3", "D", "year"]

    public init(id: String, name: String, unitKindLabels: [String: String]? = nil, followUpPeriods: [String]? = nil,
                goalLevelLabels: [String: String]? = nil) {
        self.id = id; self.name = name; self.unitKindLabels = unitKindLabels; self.followUpPeriods = followUpPeriods
        self.goalLevelLabels = goalLevelLabels
    }

    /// The follow-up periods of `year`, in time order.
    public func periods(of year: Int) -> [Period] {
        let parts = followUpPeriods ?? Self.standardFollowUpPeriods
        var result: [Period] = []
        if parts.contains("month") { result += (1...12).map { Period(year: year, part: .month($0)) } }
        for (key, part) in [("T1", Period.Part.tertial(1)), ("T2", .tertial(2)), ("T3", .tertial(3)), ("D", .interim), ("year", .year)] where parts.contains(key) {
            result.append(Period(year: year, part: part))
        }
        return result.sorted()
    }
}

public struct UnitRecord: Codable, Hashable, Sendable {
    public var id: String
    public var kind: OrgUnitKind
    public var name: String
    public var parentId: String?

    public init(id: String, kind: OrgUnitKind, name: String, parentId: String?) {
        self.id = id; self.kind = kind; self.name = name; self.parentId = parentId
    }
}

public struct GoalAreaRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// What the municipality calls it: "Målområde", "Strategiskt område", "Perspektiv", "Förutsättning".
    public var label: String?
    public var description: String?

    public init(id: String, name: String, label: String?, description: String?) {
        self.id = id; self.name = name; self.label = label; self.description = description
    }
}

public struct DecisionRecord: Codable, Hashable, Sendable {
    public var body: String
    /// ISO date, YYYY-MM-DD.
    public var date: String?
    public var paragraph: String?
    public var caseNumber: String?
    /// The decision points (beslutspunkter), in order.
    public var points: [String]
    /// What the decision was based on (beslutsunderlag): documents and their attachments, as listed.
    public var basis: [String]?

    public init(body: String, date: String?, paragraph: String?, caseNumber: String?, points: [String], basis: [String]? = nil) {
        self.body = body; self.date = date; self.paragraph = paragraph; self.caseNumber = caseNumber; self.points = points; self.basis = basis
    }
}

public struct PlanRecord: Codable, Hashable, Sendable {
    public var id: String
    public var kind: PlanKind
    public var title: String
    public var ownerUnitId: String
    public var budgetYear: Int
    /// Every year the plan covers, the budget year included ("2021 med plan för 2022–2024" → 2021…2024).
    public var planYears: [Int]
    public var status: PlanStatus
    public var isPublic: Bool
    public var decision: DecisionRecord?
    public var attachments: [String]
    /// Version 3: the plan's own column headings ({"target": "Riktning {year}"}); absent: the template's.
    public var columnHeadings: ColumnHeadingsRecord?

    public init(id: String, kind: PlanKind, title: String, ownerUnitId: String, budgetYear: Int, planYears: [Int],
                status: PlanStatus, isPublic: Bool, decision: DecisionRecord?, attachments: [String], columnHeadings: ColumnHeadingsRecord? = nil) {
        self.id = id; self.kind = kind; self.title = title; self.ownerUnitId = ownerUnitId; self.budgetYear = budgetYear
        self.planYears = planYears; self.status = status; self.isPublic = isPublic; self.decision = decision; self.attachments = attachments
        self.columnHeadings = columnHeadings
    }
}

/// Version 3: a goal's assessment for a period, as a person made it (`assessment`: met, partlyMet,
/// notMet, notAssessable; absent: the computed status stands), its reason and the analysis.
public struct GoalAssessmentRecord: Codable, Hashable, Sendable {
    public var goalId: String
    public var period: Period
    public var assessment: Attainment?
    public var reason: String?
    public var analysis: String?
    public init(goalId: String, period: Period, assessment: Attainment? = nil, reason: String? = nil, analysis: String? = nil) {
        self.goalId = goalId; self.period = period; self.assessment = assessment; self.reason = reason; self.analysis = analysis
    }
}

public struct ColumnHeadingsRecord: Codable, Hashable, Sendable {
    public var value: String?
    public var target: String?
    public var baseline: String?
    public init(value: String? = nil, target: String? = nil, baseline: String? = nil) { self.value = value; self.target = target; self.baseline = baseline }
}

public struct BasicMissionRecord: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var text: String?

    public init(id: String, title: String, text: String?) { self.id = id; self.title = title; self.text = text }
}

public struct GoalRecord: Codable, Hashable, Sendable {
    public var id: String
    public var level: GoalLevel
    /// A number the plan prints before the goal ("1."), if any.
    public var code: String?
    public var title: String
    public var description: String?
    public var ownerUnitId: String
    public var goalAreaId: String?
    public var parentGoalIds: [String]
    /// Agenda 2030 goals ("3") and targets ("10.2").
    public var agenda2030: [String]
    /// Articles of the Convention on the Rights of the Child.
    public var childRights: [Int]
    /// Followed up by a written account instead of indicators.
    public var qualitative: Bool
    /// No longer followed up, kept for its history (absent when active).
    public var retired: Bool?
    public var indicators: [IndicatorRecord]
    /// Version 3: the goal of an earlier plan this one continues (next year's plan records it).
    public var continues: String?

    public var isActive: Bool { retired != true }

    public init(id: String, level: GoalLevel, code: String? = nil, title: String, description: String?, ownerUnitId: String,
                goalAreaId: String?, parentGoalIds: [String], agenda2030: [String], childRights: [Int], qualitative: Bool,
                indicators: [IndicatorRecord]) {
        self.id = id; self.level = level; self.code = code; self.title = title; self.description = description
        self.ownerUnitId = ownerUnitId; self.goalAreaId = goalAreaId; self.parentGoalIds = parentGoalIds
        self.agenda2030 = agenda2030; self.childRights = childRights; self.qualitative = qualitative; self.indicators = indicators
    }
}

public struct SourceRecord: Codable, Hashable, Sendable {
    public var kind: SourceKind
    /// A Kolada KPI id ("U33400"), a system name ("Treserva"), a survey name.
    public var reference: String?

    public init(kind: SourceKind, reference: String?) { self.kind = kind; self.reference = reference }
}

public struct ValueRecord: Codable, Hashable, Sendable {
    public var period: Period
    public var gender: Gender
    public var kind: ValueKind
    /// As printed: "118", "8,2%", "4 319", "i.u", "Nytt mått".
    public var value: String
    public var comment: String?

    public init(period: Period, gender: Gender = .total, kind: ValueKind, value: String, comment: String? = nil) {
        self.period = period; self.gender = gender; self.kind = kind; self.value = value; self.comment = comment
    }
}

public struct IndicatorRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    /// "%", "dagar", "antal", "kr", "kr/inv", "index", …
    public var unit: String?
    public var decimals: Int
    public var direction: Direction
    public var source: SourceRecord?
    public var genderBreakdown: Bool
    public var frequency: Frequency
    /// Nuläge as printed: "5,6 % 2018", "1510 (2018)", "Nytt mått".
    public var baseline: String?
    public var values: [ValueRecord]
    /// Year → target as printed.
    public var targets: [String: String]
    public var note: String?
    /// No longer followed up, kept with its values (absent when active).
    public var retired: Bool?

    public var isActive: Bool { retired != true }

    /// The rows printed under the indicator when it is broken down by gender, in the order its
    /// values name them (none when it is not broken down).
    public var genderRows: [Gender] {
        guard genderBreakdown else { return [] }
        var result: [Gender] = []
        for value in values where value.gender != .total && !result.contains(value.gender) { result.append(value.gender) }
        return result
    }

    public init(id: String, name: String, description: String? = nil, unit: String?, decimals: Int, direction: Direction,
                source: SourceRecord? = nil, genderBreakdown: Bool = false, frequency: Frequency = .year, baseline: String? = nil,
                values: [ValueRecord] = [], targets: [String: String] = [:], note: String? = nil) {
        self.id = id; self.name = name; self.description = description; self.unit = unit; self.decimals = decimals
        self.direction = direction; self.source = source; self.genderBreakdown = genderBreakdown; self.frequency = frequency
        self.baseline = baseline; self.values = values; self.targets = targets; self.note = note
    }
}

public struct TrackingMeasureRecord: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// The heading the measure is listed under ("Personal - Sjukfrånvaro").
    public var group: String?
    public var unit: String?
    public var decimals: Int
    public var basicMissionId: String?
    /// Godkänd nivå as printed ("70-100").
    public var approvedLevel: String?
    public var values: [ValueRecord]
    public var note: String?
    /// No longer followed up, kept with its values (absent when active).
    public var retired: Bool?

    public var isActive: Bool { retired != true }

    public init(id: String, name: String, group: String?, unit: String?, decimals: Int, basicMissionId: String?,
                approvedLevel: String?, values: [ValueRecord], note: String? = nil) {
        self.id = id; self.name = name; self.group = group; self.unit = unit; self.decimals = decimals
        self.basicMissionId = basicMissionId; self.approvedLevel = approvedLevel; self.values = values; self.note = note
    }
}
