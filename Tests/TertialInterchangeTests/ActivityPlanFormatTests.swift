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
        #expect(familyHomes.coordinatingCommitteeID == "lkpg-ks" && familyHomes.reportBy == .date(Day("2021-12-31")!))
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
        ("$.activityPlan.activities[0].due", "finns först i version 3 av formatet; ange \"version\": 3, eller skriv ett kvartal (2024-Q3)", { p in
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
        ("$.activityPlan.assignments[0].reportBy", "anger ingen tidpunkt", { p in
            p["assignments"] = [["id": "u", "text": "Utred", "scope": "allCommittees", "reportBy": "2021-13-01"]]
        }),
        ("$.activityPlan.activities[0].steeringDocumentIds[0]", "hänvisar till styrdokument \"sd9\"", { p in
            p["activities"] = [["id": "a", "text": "Ta fram rutiner", "steeringDocumentIds": ["sd9"]]]
        }),
        ("$.activityPlan.steeringDocuments[1].id", "styrdokument med id \"sd\" finns redan i filen", { p in
            p["steeringDocuments"] = [["id": "sd", "title": "Kemikalieprogrammet"], ["id": "sd", "title": "Klimatplanen"]]
        }),
        ("$.activityPlan.steeringDocuments[0].adopted", "är inget datum", { p in
            p["steeringDocuments"] = [["id": "sd", "title": "Kemikalieprogrammet", "adopted": "juni 2020"]]
        }),
        ("$.activityPlan.competenceSupply.strategy.rows[1]", "har 2 celler men rubrikraden 3", { p in
            p["competenceSupply"] = ["strategy": ["title": "Omställningsstrategi", "header": ["A", "B", "C"], "rows": [["1", "2", "3"], ["1", "2"]]]]
        }),
        ("$.activityPlan.competenceSupply.needs[0].measures[0]", "får inte vara tomt", { p in
            p["competenceSupply"] = ["needs": [["id": "k", "need": "Socionomer", "measures": [" "]]]]
        }),
        ("$.activityPlan.digitalisation.plan[1]", "får inte vara tomt", { p in
            p["digitalisation"] = ["plan": ["E-arkiv införs", ""]]
        }),
        ("$.activityPlan.activities[0].followUps[0].percentComplete", "andel klart finns först i version 3", { p in
            p["activities"] = [["id": "a", "text": "Ta fram rutiner", "followUps": [["period": "2024-T1", "status": "ongoing", "percentComplete": 60]]]]
        }),
    ]

    /// Issue 22, point 11: an activity's percent complete travels in version 3 (0–100, named where it is not).
    @Test func anActivitysPercentCompleteIsReadInVersion3() throws {
        func file(_ percent: Int) throws -> Data {
            try Fixtures.markChanged { tree in
                tree["version"] = 3
                tree["activityPlan"] = ["activities": [["id": "a", "text": "Ta fram rutiner", "due": "2024-Q4",
                                                        "followUps": [["period": "2024-T1", "status": "ongoing", "percentComplete": percent]]]], "assignments": []]
            }
        }
        expectRefused(try file(101), at: "$.activityPlan.activities[0].followUps[0].percentComplete", "skriv ett heltal från 0 till 100")
        expectRefused(try file(-5), at: "$.activityPlan.activities[0].followUps[0].percentComplete", "skriv ett heltal från 0 till 100")
        let document = try InterchangeCodec.decode(try file(60))
        let plan = try #require(document.activityPlan).activityPlan()
        #expect(plan.problems.isEmpty)
        let activity = try #require(plan.activities.first)
        #expect(activity.followUps.first?.percentComplete == 60)
        #expect(activity.statusText(asOf: Period(year: 2024, part: .tertial(1))) == "\(ActivityStatus.ongoing.symbol) \(ActivityStatus.ongoing.label), 60 % klart")
        // written back as it was read, and no longer once the activity is done
        #expect(String(decoding: InterchangeCodec.encode(document), as: UTF8.self).contains("\"percentComplete\" : 60"))
        var done = activity
        done.followUps.append(ActivityFollowUp(period: Period(year: 2024, part: .tertial(2)), status: .done, percentComplete: 100))
        #expect(done.statusText(asOf: Period(year: 2024, part: .tertial(2))) == "\(ActivityStatus.done.symbol) \(ActivityStatus.done.label)")
    }

    @Test(arguments: 0..<bad.count)
    func aBadFieldIsNamedByItsPlace(_ index: Int) throws {
        let (path, message, change) = Self.bad[index]
        expectRefused(try Self.changed(change), at: path, message)
    }

    @Test func marksOtherPlansAndLinkopingsSteeringDocumentsAreRead() throws {
        let mark = try #require(try InterchangeCodec.decode(try Fixtures.data("mark-sn-namndplan-2024-2025.json")).activityPlan).otherPlans()
        #expect(mark.problems.isEmpty)
        let digital = try #require(mark.digitalisation)
        #expect(digital.currentState.count == 4 && digital.desiredState.count == 7 && digital.plan.count == 5)
        #expect(digital.heading(.desiredState, planPeriod: "2024–2025") == "Önskat läge på medellång sikt (4-5 år)")
        let grid = try #require(mark.competence?.strategy)
        #expect(grid.header == ["Attraktiv arbetsgivare", "Nya lösningar", "Hållbart arbetsliv", ""] && grid.rows.count == 3)
        let linkoping = try #require(try InterchangeCodec.decode(try Fixtures.data("linkoping-son-internbudget-2021.json")).activityPlan).otherPlans()
        #expect(linkoping.steeringDocuments.map(\.title).contains("Kemikalieprogrammet"))
    }

    @Test func anActivityServingASteeringDocumentReadsAsItsLink() throws {
        let data = try Self.changed { p in
            p["steeringDocuments"] = [["id": "sd", "title": "Kemikalieprogrammet", "adoptedBy": "Kommunfullmäktige", "adopted": "2020-06-16", "validThrough": 2025]]
            p["activities"] = [["id": "a", "text": "Inventera kemikalier i verksamheterna", "steeringDocumentIds": ["sd"], "due": "2024-Q2"]]
        }
        let record = try #require(try InterchangeCodec.decode(data).activityPlan)
        let activity = try #require(record.activityPlan().activities.first)
        #expect(activity.links == [.steeringDocument("sd")])
        let document = try #require(record.otherPlans().steeringDocuments.first)
        #expect(document.adopted == Day("2020-06-16") && document.validThrough == 2025)
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
