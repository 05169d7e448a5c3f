import Foundation
import TertialCore
import TertialInterchange

/// Builds plans of any size in the interchange format, for tests that need "many goals" and for
/// the benchmarks under bench/. Everything is derived from the arguments: the same call gives the same plan.
public enum SyntheticPlan {
    public static func make(id: String = "syn", goals goalCount: Int, indicatorsPerGoal: Int, years: ClosedRange<Int> = 2021...2025) -> PlanDocument {
        let council = "\(id)-kf", committee = "\(id)-nmd"
        let areas = (0..<max(1, goalCount / 5)).map { GoalAreaRecord(id: "\(id)-area-\($0)", name: "Målområde \($0 + 1)", label: "Målområde", description: "Beskrivning av målområde \($0 + 1).") }
        let targetForms = ["≥ 90", "≤108", "70-100", "-10% jmf med föregående år", "95% inom 120 dgr", "2 nya", "Bättre än föregående år", "12", "Två stadsdelar"]
        var goals: [GoalRecord] = [GoalRecord(id: "\(id)-kf-mal", level: .council, title: "Kommunövergripande mål", description: nil,
                                              ownerUnitId: council, goalAreaId: areas[0].id, parentGoalIds: [], agenda2030: [], childRights: [],
                                              qualitative: false, indicators: [])]
        for g in 0..<goalCount {
            let indicators = (0..<indicatorsPerGoal).map { i -> IndicatorRecord in
                let n = g * indicatorsPerGoal + i
                let values = years.dropLast(2).map { ValueRecord(period: Period(year: $0), kind: .outcome, value: String(80 + (n + $0) % 30)) }
                    + [ValueRecord(period: Period(year: years.upperBound - 2), kind: .forecast, value: String(85 + n % 10))]
                let targets = Dictionary(uniqueKeysWithValues: years.suffix(3).map { (String($0), targetForms[(n + $0) % targetForms.count]) })
                return IndicatorRecord(id: "\(id)-ind-\(n)", name: "Indikator \(n + 1) (%)", unit: "%", decimals: 0,
                                       direction: n % 2 == 0 ? .increase : .decrease, values: values, targets: targets)
            }
            goals.append(GoalRecord(id: "\(id)-mal-\(g)", level: .committee, title: "Nämndmål \(g + 1)", description: "Beskrivning av mål \(g + 1).",
                                    ownerUnitId: committee, goalAreaId: areas[g % areas.count].id, parentGoalIds: ["\(id)-kf-mal"],
                                    agenda2030: ["3", "10.2"], childRights: [3], qualitative: false, indicators: indicators))
        }
        return PlanDocument(
            municipality: MunicipalityRecord(id: "\(id)-kommun", name: "Syntetiska kommun"),
            units: [UnitRecord(id: council, kind: .council, name: "Kommunfullmäktige", parentId: nil),
                    UnitRecord(id: committee, kind: .committee, name: "Nämnden", parentId: council)],
            goalAreas: areas,
            plan: PlanRecord(id: "\(id)-plan", kind: .committeePlan, title: "Syntetisk nämndplan", ownerUnitId: committee,
                             budgetYear: years.upperBound - 1, planYears: Array(years), status: .draft, isPublic: false, decision: nil, attachments: []),
            basicMissions: [], goals: goals, trackingMeasures: [])
    }
}
