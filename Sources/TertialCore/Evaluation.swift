import Foundation

/// The rules that turn targets and values into attainment. All thresholds live here so a
/// municipality can set its own; `standard` is what Tertial uses unless told otherwise.
///
/// **Partly met.** An outcome that misses a numeric target by no more than
/// `partlyTolerance` × |target| is partly met (default 5 %: target ≥ 90, outcome 86 → partly met;
/// 85 → not met). For a range the margin is `partlyTolerance` × the larger of |low| and |high|,
/// the same on both sides. A target of exactly 0 has no margin. "> x" met exactly at x is partly met.
/// Comparisons with last year use `partlyTolerance` × |last year| as margin; an unchanged value
/// is partly met for "better than last year". A count of new things is partly met when at least
/// one but fewer than the target were added.
///
/// **Goal roll-up.** A goal's status comes from its indicators' statuses (not assessable ones
/// left out): all met → met; otherwise the score (met 1, partly met ½, not met 0) divided by the
/// number of assessed indicators; a score of at least `rollUpPartlyShare` (default ½) → partly
/// met, below → not met. No assessed indicator → not assessable. A person may override the
/// computed status of a goal, and must then give the reason (see `Assessment`).
public struct EvaluationPolicy: Hashable, Sendable {
    public var partlyTolerance: Decimal
    public var rollUpPartlyShare: Decimal

    public init(partlyTolerance: Decimal = Decimal(string: "0.05")!, rollUpPartlyShare: Decimal = Decimal(string: "0.5")!) {
        self.partlyTolerance = partlyTolerance
        self.rollUpPartlyShare = rollUpPartlyShare
    }

    public static let standard = EvaluationPolicy()
}

/// What a target evaluation rests on.
public enum EvaluationBasis: String, Sendable, Hashable {
    case outcome, forecast, none
}

public struct TargetEvaluation: Hashable, Sendable {
    public let attainment: Attainment
    public let basis: EvaluationBasis
    /// A short Swedish explanation ("Utfall 2024 92 mot målvärde ≥ 90", "Prognos delår 2024 …").
    public let explanation: String
    /// The value the evaluation used: its kind, period and text.
    public let figure: ValueEntry?

    public init(attainment: Attainment, basis: EvaluationBasis, explanation: String, figure: ValueEntry? = nil) {
        self.attainment = attainment
        self.basis = basis
        self.explanation = explanation
        self.figure = figure
    }
}

public enum Evaluator {
    /// Evaluates one target form against the year's figure and last year's figure.
    /// `direction` is the indicator's preferred direction (used by bare levels and "better").
    public static func attainment(of form: TargetForm, direction: Direction, value: Decimal?, previous: Decimal?,
                                  policy: EvaluationPolicy = .standard) -> Attainment {
        guard let value else { return .notAssessable }
        let tolerance = policy.partlyTolerance
        switch form {
        case .comparison(let op, let target):
            return compare(value, op, target, margin: abs(target) * tolerance)
        case .level(let target):
            return compare(value, levelOperator(for: direction), target, margin: abs(target) * tolerance)
        case .shareWithin(let share, _, _):
            return compare(value, .atLeast, share, margin: abs(share) * tolerance)
        case .range(let low, let high):
            if value >= low && value <= high { return .met }
            let margin = max(abs(low), abs(high)) * tolerance
            let distance = value < low ? low - value : value - high
            return distance <= margin ? .partlyMet : .notMet
        case .countNew(let count):
            if value >= Decimal(count) { return .met }
            return value > 0 ? .partlyMet : .notMet
        case .relativeChange(let percent):
            guard let previous else { return .notAssessable }
            let goal = previous * (1 + percent / 100)
            let op: ComparisonOperator = percent < 0 ? .atMost : (percent > 0 ? .atLeast : .equal)
            return compare(value, op, goal, margin: abs(goal) * tolerance)
        case .versusPreviousYear(let relation):
            guard let previous else { return .notAssessable }
            let op: ComparisonOperator
            switch relation {
            case .higher: op = .greater
            case .lower: op = .less
            case .better, .worse:
                guard direction == .increase || direction == .decrease else { return .notAssessable }
                let wantsHigher = (direction == .increase) == (relation == .better)
                op = wantsHigher ? .greater : .less
            }
            return compare(value, op, previous, margin: abs(previous) * tolerance)
        case .direction(let wanted):
            guard let previous else { return .notAssessable }
            switch wanted {
            case .increase: return compare(value, .greater, previous, margin: abs(previous) * tolerance)
            case .decrease: return compare(value, .less, previous, margin: abs(previous) * tolerance)
            case .maintain: return abs(value - previous) <= abs(previous) * tolerance ? .met : .notMet
            case .none: return .notAssessable
            }
        case .text:
            return .notAssessable
        }
    }

    /// A bare number means "at least" when higher is better, "at most" when lower is better.
    public static func levelOperator(for direction: Direction) -> ComparisonOperator {
        switch direction {
        case .increase: .atLeast
        case .decrease: .atMost
        case .maintain, .none: .equal
        }
    }

    static func compare(_ value: Decimal, _ op: ComparisonOperator, _ target: Decimal, margin: Decimal) -> Attainment {
        switch op {
        case .atLeast:
            if value >= target { return .met }
            return target - value <= margin ? .partlyMet : .notMet
        case .greater:
            if value > target { return .met }
            return target - value <= margin ? .partlyMet : .notMet
        case .atMost:
            if value <= target { return .met }
            return value - target <= margin ? .partlyMet : .notMet
        case .less:
            if value < target { return .met }
            return value - target <= margin ? .partlyMet : .notMet
        case .equal:
            if value == target { return .met }
            return abs(value - target) <= margin ? .partlyMet : .notMet
        }
    }

    /// Rolls a goal's status up from its indicators' statuses (see `EvaluationPolicy`).
    public static func rollUp(_ statuses: [Attainment], policy: EvaluationPolicy = .standard) -> Attainment {
        let assessed = statuses.filter { $0 != .notAssessable }
        guard !assessed.isEmpty else { return .notAssessable }
        if assessed.allSatisfy({ $0 == .met }) { return .met }
        let score = assessed.reduce(Decimal(0)) { sum, status in
            sum + (status == .met ? 1 : status == .partlyMet ? Decimal(string: "0.5")! : 0)
        }
        return score / Decimal(assessed.count) >= policy.rollUpPartlyShare ? .partlyMet : .notMet
    }
}
