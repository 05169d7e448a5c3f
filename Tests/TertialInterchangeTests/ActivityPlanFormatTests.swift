import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// The activity plan in version 2: Linköping's strategic assignments read into TertialCore, every
/// bad field named by its place, version 1 refusing it.
@Suite struct ActivityPlanFormatTests {
    @Test func linkopingsStrategicAssignmentsAreRead() throws {
        let doc = try InterchangeCodec.decode(try Fixtures.data("linkoping-son-internbudget-2021.json"))
        let plan = try #require(doc.activityPlan).activityPlan()
        #expect(plan.problems.isEmpty)
        #expect(plan.assignments.filter { $0.scope == .allCommittees }.count == 10)
        #expect(plan.assignments.filter { $0.scope == .namedCommittees }.count == 5)
        let familyHomes = try #require(plan.assignments.first { $0.id == "lkpg-uppdrag-n3" })
        #expect(familyHomes.coordinatingCommitteeID == "lkpg-ks" && familyHomes.reportBy == Day("2021-12-31"))
        #expect(familyHomes.isDueForReportBack(asOf: Period(year: 2021)) && !familyHomes.isDueForReportBack(asOf: Period(year: 2021, part: .interim)))
        // the units they name travel with the plan
        #expect(Set(doc.units.map(\.id)).isSuperset(of: ["lkpg-ks", "lkpg-an", "lkpg-amn"]))
    }

    static func changed(_ change: @escaping (inout [String: Any]) -> Void) throws -> Data {
        try Fixtures.markChanged { tree in
            var plan: [String: Any] = ["activities": [], "assignments": []]
            change(&plan)
            tree["activityPlan"] = plan
        }
    }

    static let bad: [(String, String, @Sendable (inout [String: Any]) -> Void)] = [
        ("$.activityPlan.activities[0].due", "är inget kvartal (2024-Q3) eller datum (2024-09-30)", { p in
            p["activities"] = [["id": "a", "text": "Ta fram rutiner", "due": "Kvartal 3"]]
        }),
        ("$.activityPlan.activities[0].goalIds[0]", "hänvisar till mål \"finns-inte\"", { p in
            p["activities"] = [["id": "a", "text": "Ta fram rutiner", "goalIds": ["finns-inte"]]]
        }),
        ("$.activityPlan.activities[0].due", "slutar före starten", { p in
            p["activities"] = [["id": "a", "text": "Ta fram rutiner", "start": "2024-Q3", "due": "2024-Q1"]]
        }),
        ("$.activityPlan.activities[0].assignmentIds[0]", "hänvisar till uppdrag \"u9\"", { p in
            p["activities"] = [["id": "a", "text": "Ta fram rutiner", "assignmentIds": ["u9"]]]
        }),
        ("$.activityPlan.assignments[0].committeeIds", "minst en nämnd", { p in
            p["assignments"] = [["id": "u", "text": "Utred", "scope": "namedCommittees"]]
        }),
        ("$.activityPlan.assignments[0].reportBy", "är inget datum", { p in
            p["assignments"] = [["id": "u", "text": "Utred", "scope": "allCommittees", "reportBy": "2021-13-01"]]
        }),
    ]

    @Test(arguments: 0..<bad.count)
    func aBadFieldIsNamedByItsPlace(_ index: Int) throws {
        let (path, message, change) = Self.bad[index]
        expectRefused(try Self.changed(change), at: path, message)
    }

    @Test func version1RefusesAnActivityPlan() throws {
        var tree = try JSONSerialization.jsonObject(with: try Fixtures.mark) as! [String: Any]
        tree["economy"] = nil
        tree["textSections"] = nil
        tree["version"] = 1
        tree["activityPlan"] = ["activities": [], "assignments": []]
        let data = try JSONSerialization.data(withJSONObject: tree)
        do { _ = try InterchangeCodec.decode(data); Issue.record("accepted") } catch {
            #expect(error.problems.map(\.path) == ["$.activityPlan"])
        }
    }
}
