import Foundation

/// Evaluates a target against an indicator's values: the full-year outcome of the target's
/// year (total, not per gender) when there is one, otherwise the forecast for that year.
/// "Last year" is the previous year's outcome, or its forecast when no outcome was reported.
public enum TargetStatus {
    public static func evaluate(_ target: Target, direction: Direction, values: [ValueEntry],
                                policy: EvaluationPolicy = .standard) -> TargetEvaluation {
        let year = Period(year: target.year)
        let previousYear = Period(year: target.year - 1)
        func figure(_ period: Period, _ kind: ValueKind) -> ValueEntry? {
            values.first { $0.period == period && $0.gender == .total && $0.kind == kind }
        }
        let current = figure(year, .outcome) ?? figure(year, .forecast)
        let basis: EvaluationBasis = current == nil ? .none : (current!.kind == .outcome ? .outcome : .forecast)
        let previous = (figure(previousYear, .outcome) ?? figure(previousYear, .forecast))?.value.number

        if case .text = target.form {
            return TargetEvaluation(attainment: .notAssessable, basis: basis, explanation: "Målvärdet bedöms av en person")
        }
        guard let current else {
            return TargetEvaluation(attainment: .notAssessable, basis: .none, explanation: "Inget utfall eller prognos för \(target.year)")
        }
        guard let number = current.value.number else {
            let marker = current.value.marker?.label ?? current.value.text
            return TargetEvaluation(attainment: .notAssessable, basis: basis, explanation: "\(current.kind.label) \(target.year): \(marker)")
        }
        let attainment = Evaluator.attainment(of: target.form, direction: direction, value: number, previous: previous, policy: policy)
        var explanation = "\(current.kind.label) \(SwedishNumber.formatNatural(number)) mot målvärde \(target.text)"
        if attainment == .notAssessable { explanation = "Utfall för \(target.year - 1) saknas att jämföra med" }
        return TargetEvaluation(attainment: attainment, basis: basis, explanation: explanation)
    }
}

/// A goal's assessment for a period: the computed status, and a person's override with its reason.
public struct Assessment: Hashable, Sendable {
    public let computed: Attainment
    public let override: Attainment?
    public let reason: String?

    public init(computed: Attainment, override: Attainment? = nil, reason: String? = nil) throws(AssessmentError) {
        if override != nil, (reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw .overrideNeedsReason
        }
        self.computed = computed
        self.override = override
        self.reason = reason
    }

    public var effective: Attainment { override ?? computed }
}

public enum AssessmentError: Error, Hashable, Sendable, CustomStringConvertible {
    case overrideNeedsReason
    public var description: String { "En ändrad bedömning måste motiveras" }
}
