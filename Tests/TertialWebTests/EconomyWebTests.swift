import Foundation
import Testing
import TertialCore
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// The economy pages over HTTP: the deviation threshold a planner sets decides what needs the
/// measures taken; a refused save keeps what was typed; a stale form is a conflict; the public sees
/// the adopted budget.
@Suite struct EconomyWebTests {
    static let plan = "lkpg-son-internbudget-2021"
    static var followUp: String { SiteURL.planEconomyFollowUp(id: plan).path }

    @Test func anAmountThresholdCatchesASmallDeviationInALargeBudget() async throws {
        try await withTertial([try DemoData.sources()[0]]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["lkpg-son": .planner])
            // given a deviation of 1 000 tkr on IFO (463 777): under 1 % of its budget, so no measures are needed
            let form = ["budget": "driftsammandrag", "ar": "2021", "manad": "5", "u.ifo": "190 000", "p.ifo": "464 777"]
            #expect(try await planner.post(Self.followUp, form).status == .seeOther)
            // when the planner sets the threshold to 500 tkr or 1 %
            let set = try await planner.post(SiteURL.planEconomyThreshold(id: Self.plan).path, ["budget": "driftsammandrag", "belopp": "500", "andel": "1"])
            #expect(set.status == .seeOther)
            // then the same forecast in June needs the measures, and the page keeps what was typed
            var june = form
            june["manad"] = "6"
            let refused = try await planner.post(Self.followUp, june)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Individ- och familjeomsorg: prognosen avviker från budgeten med −1\u{00A0}000 tkr. Beskriv vilka åtgärder som vidtas."))
            #expect(refused.text.contains("value=\"464 777\""))
            june["k.ifo"] = "Kostnaderna för placeringar följs upp varje vecka."
            #expect(try await planner.post(Self.followUp, june).status == .seeOther)
            let economy = try await Economies.typed(planID: Self.plan, on: app.db)
            #expect(economy.threshold == DeviationThreshold(amount: 500, share: Decimal(string: "0.01")!))
            #expect(economy.followUps.map(\.month) == [5, 6])
            // a bad threshold is refused with a reason
            let bad = try await planner.post(SiteURL.planEconomyThreshold(id: Self.plan).path, ["belopp": "-5", "andel": ""])
            #expect(bad.status == .unprocessableEntity)
        }
    }

    @Test func aSaveFromAStaleFormIsAConflictThatKeepsWhatWasTyped() async throws {
        try await withTertial([try DemoData.sources()[0]]) { app in
            let anna = try await Visitor.signedIn(app, "anna", roles: ["lkpg-son": .reporter])
            let bertil = try await Visitor.signedIn(app, "bertil", roles: ["lkpg-son": .reporter])
            // both open May; Bertil saves first
            let form = ["budget": "driftsammandrag", "ar": "2021", "manad": "5", "v.lss": "0"]
            var bertils = form; bertils["p.lss"] = "73 263"
            #expect(try await bertil.post(Self.followUp, bertils).status == .seeOther)
            var annas = form; annas["p.lss"] = "73 300"
            let conflict = try await anna.post(Self.followUp, annas)
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("bertil sparade"))
            #expect(conflict.text.contains("value=\"73 300\""))
        }
    }

    @Test func thePublicSeesTheAdoptedBudgetAfterAPlannerChangesIt() async throws {
        try await withTertial([try DemoData.sources()[0]]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["lkpg-son": .planner])
            let path = SiteURL.planEconomyBudget(id: Self.plan, budgetID: "driftsammandrag").path
            // Förvaltning, Budget förslag 2021 (line 0 of section 0, column 2) from 193 200 to 195 000
            let edit = try await planner.get(path)
            #expect(edit.status == .ok && edit.text.contains("value=\"193\u{00A0}200\""))
            #expect(try await planner.post(path, ["a.0.0.2": "195 000"].merging(Self.unchanged(edit.text)) { new, _ in new }).status == .seeOther)
            let own = try await planner.get(SiteURL.planEconomy(id: Self.plan).path)
            #expect(own.text.contains("195\u{00A0}000"))
            #expect(own.text.contains("nettokostnaden överskrider ramen med 1\u{00A0}800 tkr"))
            // the public still reads the adopted version
            let visitor = Visitor(app)
            let publicPage = try await visitor.get(SiteURL.planEconomy(id: Self.plan).path)
            #expect(publicPage.status == .ok)
            #expect(!publicPage.text.contains("195\u{00A0}000") && publicPage.text.contains("193\u{00A0}200"))
        }
    }

    @Test func aBudgetSavedFromAStaleFormIsAConflictThatKeepsTheFigures() async throws {
        try await withTertial([try DemoData.sources()[0]]) { app in
            let anna = try await Visitor.signedIn(app, "anna", roles: ["lkpg-son": .planner])
            let bertil = try await Visitor.signedIn(app, "bertil", roles: ["lkpg-son": .planner])
            let path = SiteURL.planEconomyBudget(id: Self.plan, budgetID: "driftsammandrag").path
            let annasForm = Self.unchanged(try await anna.get(path).text)
            let bertilsForm = Self.unchanged(try await bertil.get(path).text)
            #expect(annasForm["v"]?.isEmpty == false)
            // Bertil saves first; Anna's form was made before that
            #expect(try await bertil.post(path, bertilsForm.merging(["a.0.0.2": "194 000"]) { _, new in new }).status == .seeOther)
            let conflict = try await anna.post(path, annasForm.merging(["a.0.0.2": "196 000"]) { _, new in new })
            #expect(conflict.status == .conflict)
            #expect(conflict.text.contains("Någon sparade budgeten efter att du öppnade sidan"))
            #expect(conflict.text.contains("value=\"196 000\""))
            // saving again (the page carries the new fingerprint) keeps hers
            #expect(try await anna.post(path, Self.unchanged(conflict.text)).status == .seeOther)
            let economy = try await Economies.typed(planID: Self.plan, on: app.db)
            let line = economy.budget("driftsammandrag")!.sections[0].lines[0]
            #expect(line.amounts[BudgetColumn(.budgetProposal, 2021, heading: "Budget förslag 2021")] == 196_000)
        }
    }

    /// The form's current field values, as a browser would send them back.
    static func unchanged(_ html: String) -> [String: String] {
        var fields: [String: String] = [:]
        let pattern = try! NSRegularExpression(pattern: "name=\"([^\"]+)\" id=\"[^\"]*\" value=\"([^\"]*)\"")
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 1), in: html)!]), value = String(html[Range(match.range(at: 2), in: html)!])
            fields[name] = value.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&quot;", with: "\"")
        }
        if let v = html.firstMatch(of: /name="v" value="([^"]*)"/) { fields["v"] = String(v.1) }
        for select in try! NSRegularExpression(pattern: "name=\"(r\\.[^\"]+|o\\.[^\"]+)\"").matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(select.range(at: 1), in: html)!])
            if fields[name] == nil {
                // the selected option of this select
                if let start = html.range(of: "name=\"\(name)\""), let selected = html[start.upperBound...].range(of: "selected=\"selected\""),
                   let value = html[..<selected.lowerBound].range(of: "value=\"", options: .backwards) {
                    fields[name] = String(html[value.upperBound...].prefix { $0 != "\"" })
                }
            }
        }
        return fields
    }
}
