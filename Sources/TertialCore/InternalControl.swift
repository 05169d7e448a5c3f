import Foundation

// Internal control (issue 12; Kommunallagen 6 kap 6 §): the committee's yearly risk analysis on a
// configurable scale, the control plan that the serious risks enter, and the results of each control
// occasion. Values and rules only; the interchange format, the store and the documents adapt them.

/// The scale a risk is assessed on: labelled steps of likelihood and of consequence (4×4 or 5×5,
/// lowest first), and the risk value at or above which a risk enters the control plan.
public struct RiskScale: Hashable, Sendable {
    /// "Osannolik", "Mindre sannolik", "Möjlig", "Sannolik", "Mycket sannolik" — step 1 first.
    public var likelihood: [String]
    /// "Försumbar", "Lindrig", "Kännbar", "Allvarig", "Mycket allvarig" — step 1 first.
    public var consequence: [String]
    /// A risk whose value is at least this enters the plan (Mark: 12).
    public var threshold: Int
    /// What the municipality calls consequence ("Väsentlighet" in Mark, "Konsekvens" elsewhere).
    public var consequenceName: String

    public init(likelihood: [String], consequence: [String], threshold: Int, consequenceName: String = "Konsekvens") {
        self.likelihood = likelihood; self.consequence = consequence; self.threshold = threshold; self.consequenceName = consequenceName
    }

    public var size: (likelihood: Int, consequence: Int) { (likelihood.count, consequence.count) }
    public var maximum: Int { likelihood.count * consequence.count }

    /// The standard 5×5 scale with the labels Swedish municipalities use.
    public static let fiveByFive = RiskScale(likelihood: ["Osannolik", "Mindre sannolik", "Möjlig", "Sannolik", "Mycket sannolik"],
                                             consequence: ["Försumbar", "Lindrig", "Kännbar", "Allvarig", "Mycket allvarig"], threshold: 12)
    /// The standard 4×4 scale.
    public static let fourByFour = RiskScale(likelihood: ["Osannolik", "Mindre sannolik", "Sannolik", "Mycket sannolik"],
                                             consequence: ["Försumbar", "Lindrig", "Kännbar", "Allvarig"], threshold: 8)

    public enum Problem: Error, Equatable, CustomStringConvertible, Sendable {
        case size(Int), emptyLabel, threshold(Int, maximum: Int)
        public var description: String {
            switch self {
            case .size(let n): "en skala ska ha 2–10 steg, inte \(n)"
            case .emptyLabel: "varje steg ska ha en benämning"
            case .threshold(let t, let maximum): "gränsen \(t) ligger utanför skalan (1–\(maximum))"
            }
        }
    }

    public func problems() -> [Problem] {
        var result: [Problem] = []
        for steps in [likelihood, consequence] where !(2...10).contains(steps.count) { result.append(.size(steps.count)) }
        if (likelihood + consequence).contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) { result.append(.emptyLabel) }
        if !(1...max(maximum, 1)).contains(threshold) { result.append(.threshold(threshold, maximum: maximum)) }
        return result
    }

    /// A step of an `from`-step scale moved to the nearest step of a `to`-step scale, ends kept: the
    /// lowest stays lowest, the highest stays highest (5 → 4: 1→1, 2→2, 3→3, 4→3, 5→4).
    public static func map(_ step: Int, from: Int, to: Int) -> Int {
        guard from > 1, to > 1 else { return min(max(step, 1), max(to, 1)) }
        let clamped = min(max(step, 1), from)
        let position = Double(clamped - 1) * Double(to - 1) / Double(from - 1)
        return min(max(Int((position + 0.5).rounded(.down)) + 1, 1), to)
    }

    /// Value bands for the heat map, in words as well as colour: below a fifth of the maximum low,
    /// below the threshold medium, from the threshold high, from 64 % of the maximum (a 4×4 corner of
    /// a 5×5 scale: 16) very high. On 5×5 with threshold 12: 1–4, 5–11, 12–15, 16–25.
    public func band(of value: Int) -> RiskBand {
        // Decimal arithmetic: a value off the scale (from a file not yet validated) cannot overflow.
        let value = Decimal(value), maximum = Decimal(maximum)
        if value >= Decimal(threshold) { return value * 25 >= maximum * 16 ? .veryHigh : .high }
        return value * 5 < maximum ? .low : .medium
    }
}

public enum RiskBand: String, Sendable, CaseIterable {
    case low, medium, high, veryHigh
    public var label: String {
        switch self {
        case .low: "Låg"
        case .medium: "Måttlig"
        case .high: "Hög"
        case .veryHigh: "Mycket hög"
        }
    }
}

/// One assessment of a risk, as it stood: kept in the history when the scale or the assessment changes.
public struct RiskAssessment: Hashable, Sendable {
    public var likelihood: Int?
    public var consequence: Int?
    public var value: Int?
    /// "5×5", the scale the assessment was made on.
    public var scale: String
    /// "2024-03-15", when it was replaced, and why ("Skalan ändrad från 5×5 till 4×4").
    public var replaced: Day?
    public var reason: String?

    public init(likelihood: Int?, consequence: Int?, value: Int?, scale: String, replaced: Day? = nil, reason: String? = nil) {
        self.likelihood = likelihood; self.consequence = consequence; self.value = value; self.scale = scale; self.replaced = replaced; self.reason = reason
    }
}

/// A risk in the committee's risk analysis.
public struct Risk: Hashable, Sendable {
    public var id: String
    /// The heading it is listed under ("Ekonomi", "Övergripande styrning").
    public var area: String?
    /// Huvudprocess / riskområde ("Debitering", "Rättssäkerhet i biståndsbeslut").
    public var process: String
    /// What may go wrong; Söderköping names only the process.
    public var risk: String?
    public var likelihood: Int?
    public var consequence: Int?
    /// A value the plan states without likelihood and consequence (Söderköping's "Riskbedömning").
    public var statedValue: Int?
    /// Taken into the control plan although below the threshold, and why.
    public var includedBelowThreshold: Bool
    public var motivation: String?
    public var controls: [Control]
    /// Earlier assessments, oldest first.
    public var history: [RiskAssessment]

    public init(id: String, area: String? = nil, process: String, risk: String? = nil, likelihood: Int? = nil, consequence: Int? = nil,
                statedValue: Int? = nil, includedBelowThreshold: Bool = false, motivation: String? = nil, controls: [Control] = [],
                history: [RiskAssessment] = []) {
        self.id = id; self.area = area; self.process = process; self.risk = risk; self.likelihood = likelihood; self.consequence = consequence
        self.statedValue = statedValue; self.includedBelowThreshold = includedBelowThreshold; self.motivation = motivation
        self.controls = controls; self.history = history
    }

    /// Likelihood × consequence, or the stated value where the plan gives only that.
    public var value: Int? {
        // Levels off the scale are the validator's to report; they never trap here.
        if let likelihood, let consequence {
            let (product, overflow) = likelihood.multipliedReportingOverflow(by: consequence)
            return overflow ? nil : product
        }
        return statedValue
    }

    /// In the control plan: at or above the threshold, or taken in with a motivation.
    public func isInPlan(_ scale: RiskScale) -> Bool {
        if let value, value >= scale.threshold { return true }
        return includedBelowThreshold
    }
}

/// How often a control is made, as plans write it ("1 gång/år", "3 ggr per år", "månadsvis"), and the
/// occasions that follow from it in a year.
public enum ControlFrequency: Hashable, Sendable, CustomStringConvertible {
    case timesPerYear(Int)
    /// "Löpande", "vid behov": no fixed occasion.
    case continuous(String)

    public init(_ text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t.contains("månad") { self = .timesPerYear(12); return }
        if t.contains("kvartal") { self = .timesPerYear(4); return }
        if t.contains("halvår") { self = .timesPerYear(2); return }
        if t.contains("tertial") { self = .timesPerYear(3); return }
        if t.hasPrefix("årlig") || t == "en gång per år" || t == "en gång/år" { self = .timesPerYear(1); return }
        let digits = t.prefix { $0.isNumber }
        if let n = Int(digits), (1...52).contains(n), t.contains("år") { self = .timesPerYear(n); return }
        self = .continuous(text)
    }

    public var description: String {
        switch self {
        case .timesPerYear(let n): n == 12 ? "Månadsvis" : n == 1 ? "1 gång/år" : "\(n) gånger/år"
        case .continuous(let text): text
        }
    }

    /// The last day of each occasion in `year`: the year split into equal parts (3 a year: April,
    /// August, December — the tertials).
    public func occasions(in year: Int) -> [Day] {
        guard case .timesPerYear(let n) = self, n > 0 else { return [] }
        return (1...n).map { i in
            let month = Int((Double(12 * i) / Double(n)).rounded(.up))
            return Day(year: year, month: month, day: Day.days(in: month, of: year))!
        }
    }
}

/// The outcome of one control occasion.
public struct ControlResult: Hashable, Sendable {
    public enum Status: String, Vocabulary {
        /// Done, nothing to remark.
        case noDeviations
        /// Done, deviations found, measures under way.
        case deviations
        /// Done, deviations found and dealt with.
        case resolved
        /// Not done (with the reason in the findings).
        case notDone
        public var label: String {
            switch self {
            case .noDeviations: "Genomförd, utan avvikelser"
            case .deviations: "Genomförd, avvikelser – åtgärder pågår"
            case .resolved: "Genomförd, avvikelser åtgärdade"
            case .notDone: "Inte genomförd"
            }
        }
        public var symbol: String {
            switch self {
            case .noDeviations: "●"
            case .deviations: "▲"
            case .resolved: "◆"
            case .notDone: "✕"
            }
        }
    }

    /// The occasion's last day (from the control's frequency).
    public var occasion: Day
    public var status: Status
    public var findings: String?
    public var measures: String?

    public init(occasion: Day, status: Status, findings: String? = nil, measures: String? = nil) {
        self.occasion = occasion; self.status = status; self.findings = findings; self.measures = measures
    }

    public var isDone: Bool { status != .notDone }
}

/// A control of the control plan (kontrollmoment) for a risk.
public struct Control: Hashable, Sendable {
    public var id: String
    public var control: String
    public var responsible: String?
    /// As the plan prints it ("1ggr per år", "3 ggr per år", "Månadsvis"); `frequency` reads it.
    public var frequencyText: String?
    /// "Stickprov", "Sammanställning och analys", "Genomfört/inte genomfört".
    public var method: String?
    /// "Socialnämnd, tertialrapportering och verksamhetsberättelse".
    public var reportedTo: String?
    /// Mark's "Uppföljning": how the control is followed up.
    public var followUp: String?
    public var results: [ControlResult]

    public init(id: String, control: String, responsible: String? = nil, frequency: String? = nil, method: String? = nil,
                reportedTo: String? = nil, followUp: String? = nil, results: [ControlResult] = []) {
        self.id = id; self.control = control; self.responsible = responsible; self.frequencyText = frequency; self.method = method
        self.reportedTo = reportedTo; self.followUp = followUp; self.results = results
    }

    public var frequency: ControlFrequency? { frequencyText.map(ControlFrequency.init) }

    /// The occasions of `year` up to and including `through` (a report's period end) without a result.
    public func overdue(year: Int, through: Day) -> [Day] {
        (frequency?.occasions(in: year) ?? []).filter { day in day <= through && !results.contains { $0.occasion == day } }
    }
}

/// A committee's internal control for a year: the scale, the risks with their controls.
public struct InternalControl: Hashable, Sendable {
    public var year: Int
    public var scale: RiskScale
    public var risks: [Risk]

    public init(year: Int, scale: RiskScale, risks: [Risk]) { self.year = year; self.scale = scale; self.risks = risks }

    public var plannedRisks: [Risk] { risks.filter { $0.isInPlan(scale) } }

    /// A risk below the threshold in the plan without a written motivation, or a level off the scale.
    public enum Problem: Error, Equatable, CustomStringConvertible, Sendable {
        case needsMotivation(riskID: String), offScale(riskID: String, String)
        public var description: String {
            switch self {
            case .needsMotivation: "en risk under gränsen tas in i planen bara med en skriven motivering"
            case .offScale(_, let what): what
            }
        }
    }

    public func problems() -> [Problem] {
        var result: [Problem] = []
        for risk in risks {
            if risk.includedBelowThreshold, (risk.value ?? 0) < scale.threshold,
               (risk.motivation ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { result.append(.needsMotivation(riskID: risk.id)) }
            if let l = risk.likelihood, !(1...scale.likelihood.count).contains(l) {
                result.append(.offScale(riskID: risk.id, "sannolikheten \(l) finns inte på skalan (1–\(scale.likelihood.count))"))
            }
            if let c = risk.consequence, !(1...scale.consequence.count).contains(c) {
                result.append(.offScale(riskID: risk.id, "\(scale.consequenceName.lowercased()) \(c) finns inte på skalan (1–\(scale.consequence.count))"))
            }
            if let v = risk.statedValue, risk.likelihood == nil, !(1...scale.maximum).contains(v) {
                result.append(.offScale(riskID: risk.id, "riskvärdet \(v) ligger utanför skalan (1–\(scale.maximum))"))
            }
        }
        return result
    }

    /// The same risks on a new scale: every assessed level moved to the nearest step (`RiskScale.map`),
    /// every value recalculated, and each risk's earlier assessment kept in its history. A stated value
    /// without levels is scaled by the ratio of the maxima and rounded.
    public func rescaled(to new: RiskScale, on day: Day) -> InternalControl {
        let old = scale
        let name = "\(old.likelihood.count)×\(old.consequence.count)"
        let reason = "Skalan ändrad från \(name) till \(new.likelihood.count)×\(new.consequence.count)"
        var copy = self
        copy.scale = new
        copy.risks = risks.map { risk in
            var r = risk
            r.history.append(RiskAssessment(likelihood: risk.likelihood, consequence: risk.consequence, value: risk.value, scale: name, replaced: day, reason: reason))
            r.likelihood = risk.likelihood.map { RiskScale.map($0, from: old.likelihood.count, to: new.likelihood.count) }
            r.consequence = risk.consequence.map { RiskScale.map($0, from: old.consequence.count, to: new.consequence.count) }
            if risk.likelihood == nil || risk.consequence == nil, let v = risk.statedValue {
                r.statedValue = Int(min(max(1, (Double(v) * Double(new.maximum) / Double(max(old.maximum, 1))).rounded()), Double(new.maximum)))
            }
            return r
        }
        return copy
    }

    /// Every control occasion of the year up to and including `through` without a result, with its risk and control.
    public func overdue(through: Day) -> [(risk: Risk, control: Control, occasion: Day)] {
        plannedRisks.flatMap { risk in risk.controls.flatMap { control in control.overdue(year: year, through: through).map { (risk, control, $0) } } }
    }
}
