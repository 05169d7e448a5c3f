import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// Issue 22, point 8: the list of changes since a version spoke the format's raw data ("<null>",
/// "433.6", "belopp 4", "textSections"); it speaks as the plan prints.
@Suite struct PlanDiffTests {
    @Test func changesReadAsThePlanPrintsThem() throws {
        let before = try InterchangeCodec.decode(try Fixtures.mark)
        var after = before
        after.economy!.operatingBudgets[0].sections[0].lines[0].amounts[3] = "33.6"
        after.economy!.operatingBudgets[0].sections[0].lines[0].amounts[1] = nil
        var texts = after.textSections!.sections
        texts[0].text = "Ny text."
        texts.append(TextSectionRecord(heading: "Kommentar", text: "Under tabellen.", after: "Driftbudget"))
        after.textSections = TextSectionsRecord(texts)
        let changes = PlanDiff.changes(from: before, to: after).map { "\($0.kind.rawValue): \($0.place): \($0.old ?? "–") → \($0.new ?? "–")" }
        #expect(changes.contains("changed: Ekonomi › Driftbudget ”Driftbudget” › avsnitt 1 › rad ”Intäkter” › Budget 2025: 33,2 mnkr → 33,6 mnkr"), "\(changes)")
        #expect(changes.contains("removed: Ekonomi › Driftbudget ”Driftbudget” › avsnitt 1 › rad ”Intäkter” › Prognos 2023: 31,6 mnkr → –"), "\(changes)")
        #expect(changes.contains { $0.hasPrefix("changed: Text ”\(texts[0].heading)”: ") && $0.hasSuffix("→ Ny text.") }, "\(changes)")
        #expect(changes.contains("added: Text ”Kommentar”: – → Under tabellen."), "\(changes)")
        #expect(changes.contains("added: Text ”Kommentar” › placering: – → Driftbudget"), "\(changes)")
        #expect(!changes.contains { $0.contains("<null>") || $0.contains("textSections") || $0.contains("belopp") }, "\(changes)")
        // the same sections as an object (version 2) and as a list (version 3) are no change
        var reordered = before
        reordered.textSections = TextSectionsRecord(before.textSections!.sections.reversed())
        #expect(PlanDiff.changes(from: before, to: reordered).isEmpty)
    }
}
