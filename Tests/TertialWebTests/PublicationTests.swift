import Foundation
import SQLKit
import Testing
import TertialCore
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Issue 25: published editions are an explicit, audited act; they stay as published while the working
/// plan changes and cannot be changed in the database; their public answers are cacheable (ETag, 304)
/// and compressed, while a signed-in person's are never kept. On SQLite and PostgreSQL alike.
@Suite struct PublicationTests {
    static let plan = "mark-sn-namndplan-2024-2025"
    static let edition = "/publicerat/mark-sn-namndplan-2024-2025/plan"

    @Test func publishingFreezesTheEditionAndNumbersTheNext() async throws {
        try await withTertial { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            // given nothing published, the public pages say so and the edition is not there
            #expect(try await Visitor(app).get(Self.edition).status == .notFound)
            // when a planner publishes without naming the decision (the demo plan was imported without one)
            var response = try await planner.submit(SiteURL.planPublishing(id: Self.plan).path, ["vad": "plan"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Beslutande organ måste anges"))
            #expect(try await Publications.editions(on: app.db).isEmpty)
            // and then with it
            response = try await planner.submit(SiteURL.planPublishing(id: Self.plan).path,
                                                ["vad": "plan", "organ": "Socialnämnden", "datum": "2023-11-22", "paragraf": "123"])
            #expect(response.status == .seeOther)
            let visitor = Visitor(app)
            let first = try await visitor.get(Self.edition)
            #expect(first.status == .ok)
            #expect(first.text.contains("Fastställd av Socialnämnden 2023-11-22, § 123"))
            let csv = try await visitor.get(Self.edition + "/data/mal-och-indikatorer.csv").text
            #expect(csv.contains("mark-sn-handlaggningstid-familjeenheten"))
            // the working plan's outcome changes: the public plan page shows it, the edition does not
            let grid = SiteURL.planValues(id: Self.plan).path + "?ar=2023"
            #expect(try await planner.submit(grid, ["u.mark-sn-handlaggningstid-familjeenheten": "93"], from: grid).status == .seeOther)
            let changed = ",utfall,2023,2023,totalt,93,93"
            #expect(try await visitor.get(Self.edition + "/data/mal-och-indikatorer.csv").text == csv)
            #expect(!csv.contains(changed))
            // publishing again makes edition 2 with it; edition 1 stays, replaced
            response = try await planner.submit(SiteURL.planPublishing(id: Self.plan).path, ["vad": "plan", "organ": "Socialnämnden", "datum": "2023-11-22"])
            #expect(response.status == .seeOther)
            #expect(try await visitor.get(Self.edition + "/data/mal-och-indikatorer.csv").text.contains(changed))
            #expect(try await visitor.get(Self.edition + "/data/mal-och-indikatorer.csv?utgava=1").text == csv)
            #expect(try await visitor.get(Self.edition + "?utgava=1").text.contains("Den här utgåvan ersattes"))
            let editions = try await Publications.editions(planID: Self.plan, on: app.db)
            #expect(editions.map(\.number) == [1, 2])
            #expect(editions[0].replacedAt != nil && editions[1].replacedAt == nil)
            #expect(try await Publications.editions(currentOnly: true, on: app.db).map(\.number) == [2])
            // each publication is in the audit trail under the person who made it
            let audit = try await AuditLog.records(.init(entityType: "publicering", planID: Self.plan), on: app.db)
            #expect(audit.count == 2 && audit.allSatisfy { $0.actor == "planerare" })
            // and the database refuses to change a published edition
            let sql = app.db as! any SQLDatabase
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE published_editions SET decision = 'ändrad'").run() }
            #expect(try await Publications.editions(planID: Self.plan, on: app.db).allSatisfy { $0.decision.hasPrefix("Fastställd av Socialnämnden") })
        }
    }

    @Test func aReportNeedsItsApprovalAndAPlanNeedsAnAdoptedVersion() async throws {
        try await withTertial { app in
            let by = Actor(name: "test")
            // a report: body, date, a real date, a year of the plan
            for (approval, year, expected) in [
                (Publications.Approval(body: "", date: "2025-02-20", paragraph: nil), 2024, Publications.Refusal.decisionMissing("Beslutande organ")),
                (Publications.Approval(body: "Socialnämnden", date: "", paragraph: nil), 2024, .decisionMissing("Beslutsdatum")),
                (Publications.Approval(body: "Socialnämnden", date: "20 februari", paragraph: nil), 2024, .invalidDate("20 februari")),
                (Publications.Approval(body: "Socialnämnden", date: "2025-02-20", paragraph: nil), 2031, .yearOutsidePlan(2031)),
            ] {
                await #expect(throws: expected) {
                    try await Publications.publish(planID: Self.plan, document: .helar, year: year, approval: approval, by: by, on: app.db)
                }
            }
            let report = try await Publications.publish(planID: Self.plan, document: .helar, year: 2024,
                                                        approval: .init(body: "Socialnämnden", date: "2025-02-20", paragraph: "§ 12"), by: by, on: app.db)
            #expect(report.decision == "Godkänd av Socialnämnden 2025-02-20, § 12")
            #expect(report.key.slug == "helar-2024" && report.number == 1)
            // a plan that was never adopted (the demo's unit plan has no adopted version) cannot be published
            await #expect(throws: Publications.Refusal.notAdopted) {
                try await Publications.publish(planID: "mark-familjeenheten-enhetsplan-2024", document: .plan, year: nil,
                                               approval: .init(body: "Familjeenheten", date: "2024-01-10", paragraph: nil), by: by, on: app.db)
            }
        }
    }

    @Test func publicAnswersAreRevalidatedAndSignedInOnesAreNeverKept() async throws {
        try await withTertial { app in
            try await Publications.publish(planID: Self.plan, document: .plan, year: nil,
                                           approval: .init(body: "Socialnämnden", date: "2023-11-22", paragraph: nil), by: Actor(name: "test"), on: app.db)
            for path in ["/", "/publicerat", Self.edition, Self.edition + "/1", "/planer/\(Self.plan)", "/oppna-data", "/oppna-data/katalog.rdf",
                         "/oppna-data/mark/budget.json", "/sitemap.xml", "/tillganglighet"] {
                var first: TestingHTTPResponse?
                try await app.testing().test(.GET, path) { first = $0 }
                let response = try #require(first)
                #expect(response.status == .ok, "\(path)")
                #expect(response.headers.first(name: .cacheControl)?.hasPrefix("public") == true, "\(path): \(response.headers)")
                #expect(response.headers[.setCookie].isEmpty, "\(path)")
                let etag = try #require(response.headers.first(name: .eTag), "\(path)")
                var second: TestingHTTPResponse?
                try await app.testing().test(.GET, path, headers: ["If-None-Match": "\"x\", \(etag)"]) { second = $0 }
                #expect(second?.status == .notModified && second?.body.readableBytes == 0, "\(path)")
            }
            // unknown chapters, files and editions are 404, in Swedish
            let visitor = Visitor(app)
            #expect(try await visitor.get(Self.edition + "/99").status == .notFound)
            #expect(try await visitor.get(Self.edition + "/data/losenord.csv").status == .notFound)
            #expect(try await visitor.get("/publicerat/\(Self.plan)/helar-2099").status == .notFound)
            #expect(try await visitor.get("/publicerat/\(Self.plan)/nagot-annat").status == .notFound)
            // a signed-in person: no-store, no ETag, on the same pages
            let reader = try await Visitor.signedIn(app, "lasare", roles: ["mark-sn": .reader])
            for path in ["/", Self.edition, "/planer/\(Self.plan)"] {
                let response = try await reader.get(path)
                #expect(response.headers.first(name: .cacheControl) == "no-store", "\(path)")
                #expect(response.headers.first(name: .eTag) == nil, "\(path)")
            }
        }
    }

    @Test func openDataIsLongFormWithMachineNumbers() {
        // Core alone: one indicator with a target, an outcome with decimals and one by gender
        var indicator = Indicator(id: "i1", name: "Andel, \"nöjda\"", unit: "%", decimals: 1, direction: .increase)
        indicator.targets[2024] = try! Target(year: 2024, text: "≥ 90 %")
        indicator.values = [ValueEntry(period: Period(year: 2024), kind: .outcome, value: ValueText(number: Decimal(string: "86.5")!, decimals: 1)),
                            ValueEntry(period: Period(year: 2024), gender: .women, kind: .outcome, value: ValueText(number: 1_560_188, decimals: 0))]
        let goal = Goal(id: "g", level: .committee, title: "Mål", description: nil, ownerUnitID: "u", goalAreaID: nil, parentGoalIDs: [],
                        agenda2030: [], childRights: [], qualitative: false, indicators: [indicator])
        let plan = Plan(id: "p", kind: .committeePlan, title: "Plan", ownerUnitID: "u", budgetYear: 2024, planYears: [2024], status: .adopted,
                        isPublic: true, decision: nil, attachments: [], municipality: Municipality(id: "m", name: "Kommun"),
                        units: [OrgUnit(id: "u", kind: .committee, name: "Nämnd", parentID: nil)], goalAreas: [], basicMissions: [],
                        goals: [goal], trackingMeasures: [])
        let rows = OpenData.Dataset.goals.rows(plan, edition: "plan#1")
        #expect(rows.count == 3)
        let csv = OpenData.csv(.goals, rows: rows)
        #expect(csv.contains(",malvarde,2024,2024,totalt,90,≥ 90 %\r\n"))
        #expect(csv.contains(",utfall,2024,2024,totalt,86.5,\"86,5\"\r\n"))
        #expect(csv.contains(",utfall,2024,2024,kvinnor,1560188,1 560 188\r\n"))
        #expect(csv.contains("\"Andel, \"\"nöjda\"\"\""))
        let json = OpenData.json(.goals, rows: rows)
        let parsed = try! JSONSerialization.jsonObject(with: Data(json.utf8)) as! [[String: Any]]
        #expect(parsed.count == 3 && (parsed[1]["varde"] as? Double) == 86.5 && parsed[0]["malomrade"] is NSNull)
    }
}
