/// A goal: the council's, a committee's or a unit's, with the indicators that follow it up.
public struct Goal: Hashable, Sendable {
    public var id: String
    public var level: GoalLevel
    /// A number the plan prints before the goal ("1."), if any.
    public var code: String?
    public var title: String
    /// Formatted text (see `FormattedText`).
    public var description: String?
    public var ownerUnitID: String
    public var goalAreaID: String?
    /// The goals this one contributes to (a committee goal to a council goal), in the plan's order.
    public var parentGoalIDs: [String]
    /// Agenda 2030 goals ("3") and targets ("10.2").
    public var agenda2030: [String]
    /// Articles of the Convention on the Rights of the Child.
    public var childRights: [Int]
    /// Followed up by a written account instead of indicators.
    public var qualitative: Bool
    /// No longer followed up, kept for its history.
    public var isRetired: Bool
    public var indicators: [Indicator]
    /// The goal of an earlier plan this one continues (next year's plan records it), so history runs
    /// across years.
    public var continues: String?

    public var isActive: Bool { !isRetired }

    public init(id: String, level: GoalLevel, code: String? = nil, title: String, description: String?, ownerUnitID: String,
                goalAreaID: String?, parentGoalIDs: [String], agenda2030: [String], childRights: [Int], qualitative: Bool,
                isRetired: Bool = false, indicators: [Indicator], continues: String? = nil) {
        self.id = id; self.level = level; self.code = code; self.title = title; self.description = description
        self.ownerUnitID = ownerUnitID; self.goalAreaID = goalAreaID; self.parentGoalIDs = parentGoalIDs
        self.agenda2030 = agenda2030; self.childRights = childRights; self.qualitative = qualitative
        self.isRetired = isRetired; self.indicators = indicators; self.continues = continues
    }
}

/// Where an indicator's figures come from.
public struct Source: Hashable, Sendable {
    public var kind: SourceKind
    /// A Kolada KPI id ("U33400"), a system name ("Treserva"), a survey name.
    public var reference: String?

    public init(kind: SourceKind, reference: String?) { self.kind = kind; self.reference = reference }
}

/// An indicator of a goal: its targets by year (parsed once, where they enter) and its values.
public struct Indicator: Hashable, Sendable {
    public var id: String
    public var name: String
    public var description: String?
    /// "%", "dagar", "antal", "kr", "kr/inv", "index", …
    public var unit: String?
    public var decimals: Int
    public var direction: Direction
    public var source: Source?
    public var genderBreakdown: Bool
    public var frequency: Frequency
    /// Nuläge as printed: "5,6 % 2018", "1510 (2018)", "Nytt mått".
    public var baseline: Baseline?
    /// Outcomes, forecasts and baselines by period and gender, in the order they were entered.
    public var values: [ValueEntry]
    /// Year → target.
    public var targets: [Int: Target]
    public var note: String?
    /// No longer followed up, kept with its values.
    public var isRetired: Bool

    public var isActive: Bool { !isRetired }

    public init(id: String, name: String, description: String? = nil, unit: String?, decimals: Int, direction: Direction,
                source: Source? = nil, genderBreakdown: Bool = false, frequency: Frequency = .year, baseline: Baseline? = nil,
                values: [ValueEntry] = [], targets: [Int: Target] = [:], note: String? = nil, isRetired: Bool = false) {
        self.id = id; self.name = name; self.description = description; self.unit = unit; self.decimals = decimals
        self.direction = direction; self.source = source; self.genderBreakdown = genderBreakdown; self.frequency = frequency
        self.baseline = baseline; self.values = values; self.targets = targets; self.note = note; self.isRetired = isRetired
    }

    /// The rows printed under the indicator when it is broken down by gender, in the order its
    /// values name them (none when it is not broken down).
    public var genderRows: [Gender] {
        guard genderBreakdown else { return [] }
        var result: [Gender] = []
        for value in values where value.gender != .total && !result.contains(value.gender) { result.append(value.gender) }
        return result
    }
}

/// A godkänd nivå: a target without a year ("70-100"), parsed once.
public struct ApprovedLevel: Hashable, Sendable {
    public let text: String
    public let form: TargetForm

    public init(_ text: String) throws(TargetParseError) {
        self.text = text
        self.form = try TargetParser.parse(text)
    }
}

/// A följetal: a figure the committee follows without a target, perhaps with an approved level.
public struct TrackingMeasure: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The heading the measure is listed under ("Personal - Sjukfrånvaro").
    public var group: String?
    public var unit: String?
    public var decimals: Int
    public var basicMissionID: String?
    public var approvedLevel: ApprovedLevel?
    public var values: [ValueEntry]
    public var note: String?
    public var isRetired: Bool

    public var isActive: Bool { !isRetired }

    public init(id: String, name: String, group: String?, unit: String?, decimals: Int, basicMissionID: String?,
                approvedLevel: ApprovedLevel?, values: [ValueEntry], note: String? = nil, isRetired: Bool = false) {
        self.id = id; self.name = name; self.group = group; self.unit = unit; self.decimals = decimals
        self.basicMissionID = basicMissionID; self.approvedLevel = approvedLevel; self.values = values; self.note = note
        self.isRetired = isRetired
    }
}
