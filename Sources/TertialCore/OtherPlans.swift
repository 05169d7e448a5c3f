import Foundation

// The committee's other plans (issue 11): its prioritised steering documents, premises needs,
// competence supply and digitalisation, as values. Their prose (an introduction, a current-state
// narrative) is the plan's formatted text; what a controller follows up is held here.

/// A prioritised steering document (prioriterat styrdokument): a programme, policy or action plan
/// the committee gives priority to in the plan's years; activities may serve it.
public struct SteeringDocument: Hashable, Sendable {
    public var id: String
    public var title: String
    /// "Handlingsplan", "Program", "Policy", "Riktlinje".
    public var kind: String?
    /// "Kommunfullmäktige".
    public var adoptedBy: String?
    public var adopted: Day?
    /// The last year it applies to, when it says.
    public var validThrough: Int?
    public var summary: String?

    public init(id: String, title: String, kind: String? = nil, adoptedBy: String? = nil, adopted: Day? = nil, validThrough: Int? = nil, summary: String? = nil) {
        self.id = id; self.title = title; self.kind = kind; self.adoptedBy = adoptedBy; self.adopted = adopted; self.validThrough = validThrough; self.summary = summary
    }
}

/// A need in the committee's premises plan (lokalbehovsplan): what, when, what kind of change, the
/// committee's priority and why.
public struct PremisesNeed: Hashable, Sendable {
    public var id: String
    public var need: String
    /// "2024", or as the plan writes it ("2025–2026").
    public var when: String
    /// "Utökning", "Anpassning", "Avveckling", …
    public var category: String
    public var priority: Int?
    public var motivation: String?

    public init(id: String, need: String, when: String, category: String, priority: Int?, motivation: String?) {
        self.id = id; self.need = need; self.when = when; self.category = category; self.priority = priority; self.motivation = motivation
    }
}

/// The competence supply plan: the most critical needs with the measures that meet them, and the
/// strategy the committee follows (Mark prints SKR's omställningsstrategi as a grid).
public struct CompetenceSupplyPlan: Hashable, Sendable {
    public var needs: [CompetenceNeed]
    public var strategy: StrategyGrid?

    public init(needs: [CompetenceNeed] = [], strategy: StrategyGrid? = nil) { self.needs = needs; self.strategy = strategy }
}

public struct CompetenceNeed: Hashable, Sendable {
    public var id: String
    /// "Socionomer med erfarenhet av barnutredningar".
    public var need: String
    public var measures: [String]
    /// "2024", "2024–2026".
    public var when: String?

    public init(id: String, need: String, measures: [String], when: String? = nil) { self.id = id; self.need = need; self.measures = measures; self.when = when }
}

/// A grid of words under a title: column headings and rows of the same width.
public struct StrategyGrid: Hashable, Sendable {
    public var title: String
    public var subtitle: String?
    public var header: [String]
    public var rows: [[String]]

    public init(title: String, subtitle: String? = nil, header: [String], rows: [[String]]) {
        self.title = title; self.subtitle = subtitle; self.header = header; self.rows = rows
    }
}

/// The digitalisation plan: where the committee stands, where it wants to be within a horizon, and
/// what it will do in the plan's years.
public struct DigitalisationPlan: Hashable, Sendable {
    public enum Part: String, Hashable, Sendable, CaseIterable { case currentState, desiredState, plan }

    public var currentState: [String]
    public var desiredState: [String]
    /// "medellång sikt (4-5 år)".
    public var desiredHorizon: String?
    public var plan: [String]

    public init(currentState: [String] = [], desiredState: [String] = [], desiredHorizon: String? = nil, plan: [String] = []) {
        self.currentState = currentState; self.desiredState = desiredState; self.desiredHorizon = desiredHorizon; self.plan = plan
    }

    public func items(_ part: Part) -> [String] {
        switch part {
        case .currentState: currentState
        case .desiredState: desiredState
        case .plan: plan
        }
    }

    public var isEmpty: Bool { currentState.isEmpty && desiredState.isEmpty && plan.isEmpty }

    /// The part's heading where no template names it: "Nuläge", "Önskat läge på medellång sikt (4-5 år)", "Plan för 2024–2025".
    public func heading(_ part: Part, planPeriod: String) -> String {
        switch part {
        case .currentState: "Nuläge"
        case .desiredState: desiredHorizon.map { "Önskat läge på \($0)" } ?? "Önskat läge"
        case .plan: "Plan för \(planPeriod)"
        }
    }
}
