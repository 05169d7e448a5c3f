import Foundation

/// Evaluates a target against an indicator's values, as known at a follow-up period (`asOf`,
/// the whole target year when not given). Only totals count, not the gender rows.
///
/// - **The year** (helår): the year's outcome; without one, the year's forecast; without one, the
///   latest forecast made during the year (a forecast entered for delår is the year's forecast as
///   it was known then).
/// - **A period within the year** (tertial, delår, month): the forecast made at that period; without
///   one, the latest forecast made earlier in the year; then the year's forecast; then the period's
///   own outcome (a share or a waiting time measured so far is compared with the year's target).
///   Outcomes and forecasts entered after the period are not used.
/// - **Last year** is the previous year's outcome, or its latest forecast.
/// The evaluation names the figure it used (kind and period), so a report can show it.
public enum TargetStatus {
    public static func evaluate(_ target: Target, direction: Direction, values: [ValueEntry], asOf: Period? = nil,
                                policy: EvaluationPolicy = .standard) -> TargetEvaluation {
        let asOf = asOf.flatMap { $0.year == target.year ? $0 : nil } ?? Period(year: target.year)
        let current = figure(for: target.year, asOf: asOf, values: values)
        let basis: EvaluationBasis = current == nil ? .none : (current!.kind == .outcome ? .outcome : .forecast)
        let previous = figure(for: target.year - 1, asOf: Period(year: target.year - 1), values: values)?.value.number

        if case .text = target.form {
            // "52 %/47 %" against "50 %/48 %": part by part, each as a level in the indicator's direction.
            if let parts = ValueText.figures(target.text), let current, let got = ValueText.figures(current.value.text), got.count == parts.count {
                let statuses = zip(got, parts).map { Evaluator.attainment(of: .level($1), direction: direction, value: $0, previous: nil, policy: policy) }
                let used = "\(current.kind.label) \(current.period.part == .year ? String(current.period.year) : current.period.label.lowercased())"
                let pairs = zip(got, parts).map { "\(SwedishNumber.formatNatural($0)) mot \(SwedishNumber.formatNatural($1))" }.joined(separator: ", ")
                return TargetEvaluation(attainment: Evaluator.rollUp(statuses, policy: policy), basis: basis,
                                        explanation: "\(used) del för del: \(pairs)", figure: current)
            }
            return TargetEvaluation(attainment: .notAssessable, basis: basis, explanation: "Målvärdet bedöms av en person", figure: current)
        }
        guard let current else {
            return TargetEvaluation(attainment: .notAssessable, basis: .none, explanation: "Inget utfall eller prognos för \(asOf.label)")
        }
        let used = "\(current.kind.label) \(current.period.part == .year ? String(current.period.year) : current.period.label.lowercased())"
        guard let number = current.value.number else {
            let marker = current.value.marker?.label ?? current.value.text
            return TargetEvaluation(attainment: .notAssessable, basis: basis, explanation: "\(used): \(marker)", figure: current)
        }
        let attainment = Evaluator.attainment(of: target.form, direction: direction, value: number, previous: previous, policy: policy)
        var explanation = "\(used) \(SwedishNumber.formatNatural(number)) mot målvärde \(target.text)"
        if attainment == .notAssessable { explanation = "Utfall för \(target.year - 1) saknas att jämföra med" }
        return TargetEvaluation(attainment: attainment, basis: basis, explanation: explanation, figure: current)
    }

    /// The figure for `year` as known at `asOf` (see the type's rules).
    public static func figure(for year: Int, asOf: Period, values: [ValueEntry]) -> ValueEntry? {
        let totals = values.filter { $0.gender == .total && $0.period.year == year }
        func entry(_ period: Period, _ kind: ValueKind) -> ValueEntry? { totals.first { $0.period == period && $0.kind == kind } }
        let yearPeriod = Period(year: year)
        /// Forecasts made during the year up to `limit`, latest first.
        func forecastsUpTo(_ limit: Period) -> [ValueEntry] {
            totals.filter { $0.kind == .forecast && $0.period.part != .year && $0.period <= limit }.sorted { $0.period > $1.period }
        }
        if asOf.part == .year {
            return entry(yearPeriod, .outcome) ?? entry(yearPeriod, .forecast) ?? forecastsUpTo(asOf).first
        }
        return entry(asOf, .forecast) ?? forecastsUpTo(asOf).first ?? entry(yearPeriod, .forecast) ?? entry(asOf, .outcome)
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
