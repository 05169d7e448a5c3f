import Foundation
import TertialCore
import TertialInterchange

/// A deterministic synthetic municipality the size of Göteborg, for the scale benchmarks and the
/// soak and crash tests (`tertial demo generate`). The same size and seed give the same plans, byte
/// for byte.
///
/// Large: 40 committees, each with its administration and 25 units (1 000 units); a committee plan
/// per committee (12 shared council goals, 30 committee goals × 5 indicators = 150 indicators, 50
/// activities, 50 risks, a budget of 50 lines over 8 years) and a unit plan per unit (4–5 goals × 4
/// indicators, 8 activities). Every indicator has 62 values: yearly outcomes 2022–2025 for women,
/// men and in total, 48 monthly outcomes December 2022 – November 2026, and the forecasts for 2026
/// made at the first and second tertial. Medium is a tenth: 4
/// committees, 100 units.
public struct SyntheticMunicipality: Sendable {
    public enum Size: String, Sendable, CaseIterable {
        case large, medium, small
        var committees: Int { switch self { case .large: 40; case .medium: 4; case .small: 1 } }
        var unitsPerCommittee: Int { switch self { case .large, .medium: 25; case .small: 3 } }
    }

    public let size: Size
    public let seed: UInt64
    public static let municipalityID = "storstad"
    public static let budgetYear = 2026

    public init(size: Size, seed: UInt64) { self.size = size; self.seed = seed }

    public var committeeCount: Int { size.committees }
    public var unitCount: Int { size.committees * size.unitsPerCommittee }

    /// The plan ids in import order: the committee plans, then the unit plans.
    public var planIDs: [String] {
        (0..<committeeCount).map(committeePlanID) + (0..<unitCount).map(unitPlanID)
    }

    public func committeePlanID(_ c: Int) -> String { "storstad-n\(pad(c + 1))-plan-2026" }
    public func unitPlanID(_ u: Int) -> String { "storstad-e\(pad(u + 1, 4))-plan-2026" }

    /// Every plan, committee plans first; each document carries the units and goals it needs.
    public func documents() -> [PlanDocument] {
        (0..<committeeCount).map(committeePlan) + (0..<unitCount).map(unitPlan)
    }

    // MARK: The organisation

    let municipality = MunicipalityRecord(id: municipalityID, name: "Storstads kommun", followUpPeriods: ["month", "T1", "T2", "year"])
    var council: UnitRecord { UnitRecord(id: "storstad-kf", kind: .council, name: "Kommunfullmäktige", parentId: nil) }

    func committee(_ c: Int) -> UnitRecord {
        UnitRecord(id: "storstad-n\(pad(c + 1))", kind: .committee, name: Names.committee(c), parentId: council.id)
    }
    func administration(_ c: Int) -> UnitRecord {
        UnitRecord(id: "storstad-f\(pad(c + 1))", kind: .administration, name: Names.administration(c), parentId: committee(c).id)
    }
    func unit(_ u: Int) -> UnitRecord {
        let c = u / size.unitsPerCommittee
        return UnitRecord(id: "storstad-e\(pad(u + 1, 4))", kind: .unit, name: Names.unit(u, committee: c), parentId: administration(c).id)
    }

    var goalAreas: [GoalAreaRecord] {
        Names.goalAreas.enumerated().map { i, area in
            GoalAreaRecord(id: "storstad-ma\(i + 1)", name: area.name, label: "Målområde", description: area.text)
        }
    }

    /// The council's twelve goals, three per goal area, shared by every committee plan.
    var councilGoals: [GoalRecord] {
        (0..<12).map { g in
            GoalRecord(id: "storstad-kf-mal\(pad(g + 1))", level: .council, code: "KF \(g + 1)", title: Names.councilGoal(g),
                       description: nil, ownerUnitId: council.id, goalAreaId: goalAreas[g / 3].id, parentGoalIds: [],
                       agenda2030: [], childRights: [], qualitative: false, indicators: [])
        }
    }

    // MARK: Plans

    func committeePlan(_ c: Int) -> PlanDocument {
        var random = Random(seed: seed, stream: UInt64(c))
        let unit = committee(c), id = committeePlanID(c)
        var goals = councilGoals
        for g in 0..<30 {
            let n = c * 30 + g
            let indicators = (0..<5).map { i in indicator(id: "storstad-n\(pad(c + 1))-ind\(pad(g * 5 + i + 1, 3))", number: n * 5 + i, random: &random) }
            goals.append(committeeGoal(c, g, indicators: indicators))
        }
        let committeeGoalIDs = goals.dropFirst(12).map(\.id)
        let activities = (0..<50).map { a in
            activity(id: "\(id)-akt\(pad(a + 1, 3))", number: c * 50 + a, goalID: committeeGoalIDs[a % 30], unitID: administration(c).id, random: &random)
        }
        return PlanDocument(
            municipality: municipality, units: [council, unit, administration(c)], goalAreas: goalAreas,
            plan: PlanRecord(id: id, kind: .committeePlan, title: "Nämndplan 2026–2027 \(unit.name)", ownerUnitId: unit.id,
                             budgetYear: Self.budgetYear, planYears: [2026, 2027], status: .adopted, isPublic: true,
                             decision: DecisionRecord(body: "\(unit.name) fastställer nämndplan 2026–2027.", date: "2025-12-\(pad(10 + c % 15))",
                                                      paragraph: "§ \(100 + c)", caseNumber: "N\(pad(c + 1))-2025-\(pad(c * 7 % 900 + 100, 4))", points: []),
                             attachments: []),
            basicMissions: [], goals: goals, trackingMeasures: [],
            economy: economy(c, random: &random),
            activityPlan: ActivityPlanRecord(activities: activities),
            internalControl: internalControl(c, random: &random))
    }

    func committeeGoal(_ c: Int, _ g: Int, indicators: [IndicatorRecord]) -> GoalRecord {
        let n = c * 30 + g
        return GoalRecord(id: "storstad-n\(pad(c + 1))-mal\(pad(g + 1))", level: .committee, code: "\(g / 10 + 1).\(g % 10 + 1)",
                          title: Names.committeeGoal(n), description: Names.paragraph(sentences: 2 + n % 3, seed: n),
                          ownerUnitId: committee(c).id, goalAreaId: goalAreas[g % 4].id, parentGoalIds: [councilGoals[(g + c) % 12].id],
                          agenda2030: [["3", "4", "10.2", "11", "16.7"][n % 5]], childRights: n % 3 == 0 ? [3, 12] : [],
                          qualitative: false, indicators: indicators)
    }

    func unitPlan(_ u: Int) -> PlanDocument {
        var random = Random(seed: seed, stream: 1_000_000 + UInt64(u))
        let c = u / size.unitsPerCommittee
        let owner = unit(u), id = unitPlanID(u)
        // 800 of every 1 000 units have five goals, the others four: 4 800 goals in all.
        let goalCount = u % 5 == 0 ? 4 : 5
        var goals: [GoalRecord] = []
        for g in 0..<goalCount {
            let n = u * 5 + g
            let parent = committeeGoal(c, (u + g) % 30, indicators: []).id
            let indicators = (0..<4).map { i in indicator(id: "storstad-e\(pad(u + 1, 4))-ind\(pad(g * 4 + i + 1))", number: 1_000_000 + n * 4 + i, random: &random) }
            goals.append(GoalRecord(id: "storstad-e\(pad(u + 1, 4))-mal\(g + 1)", level: .unit, title: Names.unitGoal(n),
                                    description: Names.paragraph(sentences: 1 + n % 2, seed: n + 7), ownerUnitId: owner.id, goalAreaId: nil,
                                    parentGoalIds: [parent], agenda2030: [], childRights: [], qualitative: false, indicators: indicators))
        }
        // The committee goals the unit goals serve, as they stand in the committee's plan.
        let parentGoals = Set((0..<goalCount).map { (u + $0) % 30 }).sorted().map { committeeGoal(c, $0, indicators: []) }
        let councilParents = Set(parentGoals.flatMap(\.parentGoalIds))
        let activities = (0..<8).map { a in
            activity(id: "\(id)-akt\(a + 1)", number: 2_000_000 + u * 8 + a, goalID: goals[a % goals.count].id, unitID: owner.id, random: &random)
        }
        return PlanDocument(
            municipality: municipality, units: [council, committee(c), administration(c), owner], goalAreas: goalAreas,
            plan: PlanRecord(id: id, kind: .unitPlan, title: "Enhetsplan 2026 \(owner.name)", ownerUnitId: owner.id,
                             budgetYear: Self.budgetYear, planYears: [2026], status: .draft, isPublic: false, decision: nil, attachments: []),
            basicMissions: [],
            goals: councilGoals.filter { councilParents.contains($0.id) } + parentGoals + goals,
            trackingMeasures: [],
            activityPlan: ActivityPlanRecord(activities: activities))
    }

    // MARK: Contents

    func indicator(id: String, number n: Int, random: inout Random) -> IndicatorRecord {
        let name = Names.indicator(n)
        let base = Double(40 + n % 50)
        let increase = n % 3 != 0
        var values: [ValueRecord] = []
        for year in 2022...2025 {
            let total = base + Double(year - 2022) * (increase ? 1.5 : -1.2) + random.noise(2)
            values.append(ValueRecord(period: Period(year: year), gender: .total, kind: .outcome, value: Self.figure(total)))
            values.append(ValueRecord(period: Period(year: year), gender: .women, kind: .outcome, value: Self.figure(total + 1.5 + random.noise(1))))
            values.append(ValueRecord(period: Period(year: year), gender: .men, kind: .outcome, value: Self.figure(total - 1.5 + random.noise(1))))
        }
        for m in 0..<48 {
            let year = 2022 + (m + 11) / 12, month = (m + 11) % 12 + 1
            let v = base + Double(m) / 12 * (increase ? 1.5 : -1.2) + random.noise(3)
            values.append(ValueRecord(period: Period(year: year, part: .month(month)), gender: .total, kind: .outcome, value: Self.figure(v)))
        }
        // The year's forecasts made at the first two tertials, what a mid-year status rests on.
        for tertial in 1...2 {
            let v = base + 4 * (increase ? 1.5 : -1.2) + random.noise(4)
            values.append(ValueRecord(period: Period(year: 2026, part: .tertial(tertial)), gender: .total, kind: .forecast, value: Self.figure(v)))
        }
        let target2026 = base + (increase ? 6 : -5)
        let targets: [String: String] = [
            "2026": (increase ? "≥ " : "≤ ") + Self.whole(target2026),
            "2027": n % 4 == 0 ? (increase ? "Bättre än föregående år" : "Lägre än föregående år") : (increase ? "≥ " : "≤ ") + Self.whole(target2026 + (increase ? 2 : -2)),
        ]
        return IndicatorRecord(id: id, name: name, unit: "%", decimals: 1, direction: increase ? .increase : .decrease,
                               source: SourceRecord(kind: n % 7 == 0 ? .survey : .system, reference: nil),
                               genderBreakdown: true, frequency: .month, baseline: "\(Self.whole(base)) % (2021)",
                               values: values, targets: targets)
    }

    func activity(id: String, number n: Int, goalID: String, unitID: String, random: inout Random) -> ActivityRecord {
        let quarter = n % 4 + 1
        let followUps: [ActivityFollowUpRecord] = quarter <= 3
            ? [ActivityFollowUpRecord(period: Period(year: 2026, part: .tertial(min(quarter, 2))), status: [.ongoing, .done, .delayed, .ongoing][n % 4],
                                      comment: n % 4 == 2 ? "Försenat på grund av vakanser; nytt datum meddelas i nästa uppföljning." : nil)]
            : []
        return ActivityRecord(id: id, text: Names.activity(n), goalIds: [goalID], responsibleUnitId: unitID,
                              responsibleRole: ["Förvaltningschef", "Verksamhetschef", "Enhetschef", "Controller", "Utvecklingsledare"][n % 5],
                              start: "2026-Q\(max(1, quarter - 1))", due: "2026-Q\(quarter)", followUps: followUps)
    }

    func internalControl(_ c: Int, random: inout Random) -> InternalControlRecord {
        let labels = ["Osannolik", "Mindre sannolik", "Möjlig", "Sannolik", "Mycket sannolik"]
        let consequences = ["Försumbar", "Lindrig", "Kännbar", "Allvarlig", "Mycket allvarlig"]
        let risks = (0..<50).map { r -> RiskRecord in
            let n = c * 50 + r
            let likelihood = 3 + n % 3, consequence = 2 + (n / 3) % 4
            return RiskRecord(id: "r\(r + 1)", area: Names.riskArea(n), process: Names.process(n), risk: Names.risk(n),
                              likelihood: likelihood, consequence: consequence,
                              controls: [ControlRecord(id: "k\(r + 1)", control: Names.control(n), responsible: ["Controller", "Enhetschef", "HR-specialist", "Systemförvaltare"][n % 4],
                                                       frequency: ["2 ggr per år", "Årligen", "3 ggr per år", "Kvartalsvis"][n % 4],
                                                       method: "Stickprov om tio ärenden", reportedTo: "Nämnden")])
        }
        return InternalControlRecord(year: Self.budgetYear, scale: RiskScaleRecord(likelihood: labels, consequence: consequences, threshold: 6), risks: risks)
    }

    /// A budget of 50 activity lines over eight years (bokslut 2019–2024, budget 2025 and 2026), in
    /// tkr, with the council's frame for 2026.
    func economy(_ c: Int, random: inout Random) -> EconomyRecord {
        let columns: [[String: Any]] = (2019...2024).map { ["kind": "outcome", "year": $0] } + [["kind": "budget", "year": 2025], ["kind": "budget", "year": 2026]]
        var total2026 = 0
        let lines: [[String: Any]] = (0..<50).map { l in
            let base = 8_000 + ((c * 50 + l) * 7919) % 60_000
            let amounts = (0..<8).map { y in String(base + y * base / 40 + random.int(400) - 200) }
            total2026 += Int(amounts[7])!
            return ["id": "v\(pad(l + 1))", "name": Names.activityArea(c * 50 + l), "role": "activity", "amounts": amounts]
        }
        let frame: [Any] = Array(repeating: NSNull(), count: 7) + [String(total2026 + 1_000 + c * 10)]
        let record: [String: Any] = [
            "operatingBudgets": [[
                "id": "driftbudget", "title": "Driftbudget per verksamhet", "heading": "Nettokostnad, tkr", "unit": "tkr",
                "sign": "costsPositive", "decimals": 0, "columns": columns, "frame": frame, "frameLabel": "Kommunbidrag",
                "sections": [["totalLabel": "Summa nettokostnad", "lines": lines]],
            ]],
            "investmentBudgets": [], "volumeTables": [], "frameTransfers": [], "followUps": [],
        ]
        // The records are Codable: build the JSON once and let the adapter's own decoder read it.
        let data = try! JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
        return try! JSONDecoder().decode(EconomyRecord.self, from: data)
    }

    /// A figure as a person types it in Swedish: one decimal after a comma ("41,2").
    static func figure(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(abs(tenths) / 10),\(abs(tenths) % 10)"
    }

    /// A whole figure, for targets ("≥ 47").
    static func whole(_ value: Double) -> String { String(Int(value.rounded())) }
}

func pad(_ n: Int, _ width: Int = 2) -> String {
    let s = String(n)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}

/// SplitMix64: small, fast and the same on every platform, so a seed gives the same municipality.
struct Random {
    var state: UInt64
    init(seed: UInt64, stream: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 &+ stream &* 0xBF58_476D_1CE4_E5B9 &+ 1 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    /// A value in -amplitude…amplitude.
    mutating func noise(_ amplitude: Double) -> Double { (Double(next() % 10_001) / 5_000 - 1) * amplitude }
}
