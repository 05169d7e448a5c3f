import Foundation
import TertialCore

/// The committee's internal control in the interchange format (version 2, optional
/// `internalControl`): the scale, the risks with their levels (or a stated value), the controls of
/// the control plan and their results per occasion, and each risk's earlier assessments.
/// `internalControl()` reads it into TertialCore's `InternalControl`, naming the place of every problem.
public struct InternalControlRecord: Codable, Hashable, Sendable {
    public var year: Int
    public var scale: RiskScaleRecord
    public var risks: [RiskRecord]

    public init(year: Int, scale: RiskScaleRecord, risks: [RiskRecord]) { self.year = year; self.scale = scale; self.risks = risks }
}

public struct RiskScaleRecord: Codable, Hashable, Sendable {
    public var likelihood: [String]
    public var consequence: [String]
    public var consequenceName: String?
    public var threshold: Int

    public init(likelihood: [String], consequence: [String], consequenceName: String? = nil, threshold: Int) {
        self.likelihood = likelihood; self.consequence = consequence; self.consequenceName = consequenceName; self.threshold = threshold
    }
}

public struct RiskRecord: Codable, Hashable, Sendable {
    public var id: String
    public var area: String?
    public var process: String
    public var risk: String?
    public var likelihood: Int?
    public var consequence: Int?
    public var statedValue: Int?
    public var includedBelowThreshold: Bool?
    public var motivation: String?
    public var controls: [ControlRecord]?
    public var history: [RiskAssessmentRecord]?

    public init(id: String, area: String? = nil, process: String, risk: String? = nil, likelihood: Int? = nil, consequence: Int? = nil,
                statedValue: Int? = nil, includedBelowThreshold: Bool? = nil, motivation: String? = nil, controls: [ControlRecord]? = nil,
                history: [RiskAssessmentRecord]? = nil) {
        self.id = id; self.area = area; self.process = process; self.risk = risk; self.likelihood = likelihood; self.consequence = consequence
        self.statedValue = statedValue; self.includedBelowThreshold = includedBelowThreshold; self.motivation = motivation
        self.controls = controls; self.history = history
    }
}

public struct ControlRecord: Codable, Hashable, Sendable {
    public var id: String
    public var control: String
    public var responsible: String?
    public var frequency: String?
    public var method: String?
    public var reportedTo: String?
    public var followUp: String?
    public var results: [ControlResultRecord]?

    public init(id: String, control: String, responsible: String? = nil, frequency: String? = nil, method: String? = nil,
                reportedTo: String? = nil, followUp: String? = nil, results: [ControlResultRecord]? = nil) {
        self.id = id; self.control = control; self.responsible = responsible; self.frequency = frequency; self.method = method
        self.reportedTo = reportedTo; self.followUp = followUp; self.results = results
    }
}

public struct ControlResultRecord: Codable, Hashable, Sendable {
    /// "2024-04-30": the occasion's last day.
    public var occasion: String
    public var status: ControlResult.Status
    public var findings: String?
    public var measures: String?

    public init(occasion: String, status: ControlResult.Status, findings: String? = nil, measures: String? = nil) {
        self.occasion = occasion; self.status = status; self.findings = findings; self.measures = measures
    }
}

public struct RiskAssessmentRecord: Codable, Hashable, Sendable {
    public var likelihood: Int?
    public var consequence: Int?
    public var value: Int?
    public var scale: String
    public var replaced: String?
    public var reason: String?

    public init(likelihood: Int?, consequence: Int?, value: Int?, scale: String, replaced: String?, reason: String?) {
        self.likelihood = likelihood; self.consequence = consequence; self.value = value; self.scale = scale; self.replaced = replaced; self.reason = reason
    }
}

extension InternalControlRecord {
    /// The internal control as TertialCore values, and the problems that keep it from being read.
    public func internalControl(at path: JSONPath = JSONPath() + "internalControl") -> (InternalControl, [InterchangeProblem]) {
        var v = Validation()
        v.year(year, at: path + "year")
        let sp = path + "scale"
        for (key, labels) in [("likelihood", scale.likelihood), ("consequence", scale.consequence)] {
            for (i, label) in labels.enumerated() { v.name(label, at: (sp + key)[i]) }
        }
        v.optionalName(scale.consequenceName, at: sp + "consequenceName")
        let typedScale = RiskScale(likelihood: scale.likelihood, consequence: scale.consequence, threshold: scale.threshold,
                                   consequenceName: scale.consequenceName ?? "Konsekvens")
        for problem in typedScale.problems() {
            switch problem {
            case .size: v.problem(sp, problem.description)
            case .emptyLabel: break   // named per label above
            case .threshold: v.problem(sp + "threshold", problem.description)
            }
        }
        _ = v.uniqueIds(risks.map(\.id), at: path + "risks", kind: "risk")
        var controlIDs: Set<String> = []
        var typed: [Risk] = []
        for (i, r) in risks.enumerated() {
            let p = (path + "risks")[i]
            v.name(r.process, at: p + "process"); v.optionalName(r.area, at: p + "area"); v.text(r.risk, at: p + "risk"); v.text(r.motivation, at: p + "motivation")
            if r.likelihood == nil, r.consequence == nil, r.statedValue == nil { v.problem(p, "ange sannolikhet och konsekvens, eller ett riskvärde") }
            if (r.likelihood == nil) != (r.consequence == nil) { v.problem(p, "ange både sannolikhet och konsekvens") }
            var controls: [Control] = []
            for (j, c) in (r.controls ?? []).enumerated() {
                let cp = (p + "controls")[j]
                v.id(c.id, at: cp + "id")
                if !controlIDs.insert(c.id).inserted { v.problem(cp + "id", "kontrollmoment med id \"\(c.id.prefix(100))\" finns redan i filen") }
                v.text(c.control, at: cp + "control")
                if c.control.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { v.problem(cp + "control", "får inte vara tomt") }
                for (key, text) in [("responsible", c.responsible), ("frequency", c.frequency)] { v.optionalName(text, at: cp + key) }
                for (key, text) in [("method", c.method), ("reportedTo", c.reportedTo), ("followUp", c.followUp)] { v.text(text, at: cp + key) }
                var results: [ControlResult] = []
                var seen: Set<Day> = []
                for (k, result) in (c.results ?? []).enumerated() {
                    let rp = (cp + "results")[k]
                    v.text(result.findings, at: rp + "findings"); v.text(result.measures, at: rp + "measures")
                    guard let day = Day(result.occasion) else { v.problem(rp + "occasion", "\"\(result.occasion.prefix(20))\" är inget datum (ÅÅÅÅ-MM-DD)"); continue }
                    if !seen.insert(day).inserted { v.problem(rp + "occasion", "tillfället \(day) har redan ett resultat") }
                    results.append(ControlResult(occasion: day, status: result.status, findings: result.findings, measures: result.measures))
                }
                controls.append(Control(id: c.id, control: c.control, responsible: c.responsible, frequency: c.frequency, method: c.method,
                                        reportedTo: c.reportedTo, followUp: c.followUp, results: results.sorted { $0.occasion < $1.occasion }))
            }
            var history: [RiskAssessment] = []
            for (j, h) in (r.history ?? []).enumerated() {
                let hp = (p + "history")[j]
                v.name(h.scale, at: hp + "scale"); v.text(h.reason, at: hp + "reason")
                var replaced: Day?
                if let text = h.replaced { replaced = Day(text); if replaced == nil { v.problem(hp + "replaced", "\"\(text.prefix(20))\" är inget datum (ÅÅÅÅ-MM-DD)") } }
                history.append(RiskAssessment(likelihood: h.likelihood, consequence: h.consequence, value: h.value, scale: h.scale, replaced: replaced, reason: h.reason))
            }
            typed.append(Risk(id: r.id, area: r.area, process: r.process, risk: r.risk, likelihood: r.likelihood, consequence: r.consequence,
                              statedValue: r.statedValue, includedBelowThreshold: r.includedBelowThreshold ?? false, motivation: r.motivation,
                              controls: controls, history: history))
        }
        let control = InternalControl(year: year, scale: typedScale, risks: typed)
        for problem in control.problems() {
            switch problem {
            case .needsMotivation(let id), .offScale(let id, _):
                let i = risks.firstIndex { $0.id == id }!
                v.problem((path + "risks")[i] + (problem == .needsMotivation(riskID: id) ? "motivation" : "likelihood"), problem.description)
            }
        }
        return (control, v.problems)
    }

    /// The record of a TertialCore internal control (after a scale change or a saved result).
    public init(_ control: InternalControl) {
        year = control.year
        scale = RiskScaleRecord(likelihood: control.scale.likelihood, consequence: control.scale.consequence,
                                consequenceName: control.scale.consequenceName == "Konsekvens" ? nil : control.scale.consequenceName, threshold: control.scale.threshold)
        risks = control.risks.map { r in
            RiskRecord(id: r.id, area: r.area, process: r.process, risk: r.risk, likelihood: r.likelihood, consequence: r.consequence,
                       statedValue: r.statedValue, includedBelowThreshold: r.includedBelowThreshold ? true : nil, motivation: r.motivation,
                       controls: r.controls.isEmpty ? nil : r.controls.map { c in
                           ControlRecord(id: c.id, control: c.control, responsible: c.responsible, frequency: c.frequencyText, method: c.method,
                                         reportedTo: c.reportedTo, followUp: c.followUp,
                                         results: c.results.isEmpty ? nil : c.results.map {
                                             ControlResultRecord(occasion: $0.occasion.description, status: $0.status, findings: $0.findings, measures: $0.measures)
                                         })
                       },
                       history: r.history.isEmpty ? nil : r.history.map {
                           RiskAssessmentRecord(likelihood: $0.likelihood, consequence: $0.consequence, value: $0.value, scale: $0.scale,
                                                replaced: $0.replaced?.description, reason: $0.reason)
                       })
        }
    }
}
