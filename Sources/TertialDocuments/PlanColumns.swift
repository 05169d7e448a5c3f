import TertialCore

/// The columns of an indicator table as the seed plans print them: baseline first, then values in
/// time order (outcome before forecast in the same period), then target years. Shared by the plan
/// page and the documents so the two cannot drift apart.
public enum PlanColumns {
    public enum Kind: Hashable, Sendable {
        case baseline, value(Period, ValueKind), target(Int)
        public var isValue: Bool { if case .value = self { true } else { false } }
    }

    public static func columns(values: [ValueEntry], hasBaseline: Bool, targetYears: [Int]) -> [Kind] {
        struct Key: Hashable { let period: Period; let kind: ValueKind }
        let keys = Set(values.map { Key(period: $0.period, kind: $0.kind) })
            .sorted { ($0.period, $0.kind == .outcome ? 0 : 1) < ($1.period, $1.kind == .outcome ? 0 : 1) }
        return (hasBaseline ? [.baseline] : []) + keys.map { .value($0.period, $0.kind) } + Set(targetYears).sorted().map { .target($0) }
    }

    /// The columns for a set of indicators (baseline if any has one, the values a plan prints, every target year).
    public static func columns(for indicators: [Indicator]) -> [Kind] {
        columns(values: planValues(indicators.flatMap(\.values)), hasBaseline: indicators.contains { $0.baseline != nil },
                targetYears: indicators.flatMap { $0.targets.keys })
    }

    /// The values a plan (page or document) shows: the history — the latest `historyYears` whole
    /// years — and at most one follow-up period after the last year's outcome (the latest with an outcome), as the seeds
    /// print "Utfall delår 2023". Months, tertials and forecasts of the follow-up belong in the
    /// follow-up reports; a plan with a year of them would otherwise run off the page.
    public static func planValues(_ values: [ValueEntry], historyYears: Int = 4) -> [ValueEntry] {
        let yearly = values.filter { $0.period.part == .year }
        let years = Set(yearly.map(\.period.year)).sorted().suffix(historyYears)
        let lastYear = yearly.filter { $0.kind == .outcome }.map(\.period.year).max() ?? Int.min
        let later = values.filter { $0.period.part != .year && $0.kind == .outcome && $0.period.year > lastYear }
        let latest = later.map(\.period).max()
        return yearly.filter { years.contains($0.period.year) } + later.filter { $0.period == latest }
    }

    /// A value as printed; numbers keep their digits but group with no-break spaces so "4 319" never wraps.
    public static func printed(_ kind: Kind, values: [ValueEntry], gender: Gender) -> String {
        guard case .value(let period, let valueKind) = kind,
              let value = values.first(where: { $0.period == period && $0.kind == valueKind && $0.gender == gender }) else { return "" }
        if value.value.number != nil {
            return value.value.text.replacingOccurrences(of: " ", with: "\u{00A0}")
        }
        return value.value.text
    }

    /// A period inside a heading: "2023", "delår 2023", "tertial 1 2024".
    public static func periodInText(_ period: Period) -> String {
        let label = period.label
        guard period.part != .year, let first = label.first else { return label }
        return first.lowercased() + label.dropFirst()
    }

    /// A column's heading: the plan's own where it names one ("Riktning 2024"), else the template's.
    public static func heading(_ kind: Kind, _ headings: DocumentTemplate.ColumnHeadings = .init(), plan: PlanColumnHeadings? = nil) -> String {
        switch kind {
        case .baseline: plan?.baseline ?? headings.baseline
        case .value(let period, let valueKind):
            (plan?.value ?? headings.value).replacingOccurrences(of: "{kind}", with: valueKind.label)
                .replacingOccurrences(of: "{period}", with: periodInText(period))
        case .target(let year): (plan?.target ?? headings.target).replacingOccurrences(of: "{year}", with: String(year))
        }
    }
}
