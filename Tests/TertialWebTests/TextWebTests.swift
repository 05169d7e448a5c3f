import FluentKit
import Foundation
import Testing
import TertialCore
import TertialDocuments
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// The plan's text sections: read in the template's order, written by planners as formatted text,
/// where HTML is text and the documents print what was saved.
@Suite struct TextWebTests {
    static let plan = "mark-sn-namndplan-2024-2025"

    /// One parser (Core's `FormattedText`): the page and the documents show the same structure for the
    /// same text — paragraphs, line breaks, lists, emphasis (they differed before: the page kept "- " lines
    /// after a line as text, and the documents made every line a paragraph).
    @Test(arguments: [
        "Identifierade utvecklingsområden avseende\n- nämndens grunduppdrag\n- kvalitet",
        "¹ Källa Treserva\n² Källa LinQ\n\nKoppling till Agenda 2030: **Mål 3**",
        "## Rubrik\n\n1. Först\n2. Sedan\n\n• punkt",
        "<script>alert(1)</script>\nrad två",
    ])
    func thePageAndTheDocumentsShowTheSameStructure(_ text: String) {
        // Tags and text in order; the page's wrapper aside, and the document's subheading paragraph named as the page's heading.
        func structure(_ html: String) -> String {
            html.replacingOccurrences(of: "<div class=\"prose\">", with: "").replacingOccurrences(of: "</div>", with: "")
                .replacingOccurrences(of: "<p class=\"subheading\">([^<]*)</p>", with: "<h4>$1</h4>", options: .regularExpression)
                .replacingOccurrences(of: "<br/>", with: "<br>").replacingOccurrences(of: "\n", with: "")
        }
        let page = FormattedTextView.nodes(text).render()
        let document = Block.blocks(fromMarkdown: text).map(HTMLRenderer.fragment).joined()
        #expect(structure(page) == structure(document))
        #expect(!page.contains("<script>") && !document.contains("<script>"))
    }

    @Test func aPlannerWritesATextAndHtmlInItIsText() async throws {
        try await withTertial([try DemoData.sources()[2]]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let page = try await planner.get(SiteURL.planTexts(id: Self.plan).path)
            #expect(page.status == .ok)
            #expect(page.text.contains("En nära kommun med människan i fokus."))
            // the two "Värdegrund" sections are edited apart
            #expect(page.text.contains("rubrik=Nämndens%20övergripande%20styrning%20›%20Värdegrund") || page.text.contains("rubrik=N%C3%A4mndens"))
            let save = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path,
                                              ["rubrik": "Marks kommuns vision", "text": "## Ny vision\n\nEn **trygg** kommun <script>alert(1)</script>"])
            #expect(save.status == .seeOther)
            let after = try await planner.get(SiteURL.planTexts(id: Self.plan).path)
            #expect(after.text.contains("<strong>trygg</strong>"))
            #expect(after.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !after.text.contains("<script>alert"))
            // the document prints it under its heading, as text
            let html = try await planner.get(SiteURL.planDocument(id: Self.plan).path + "?format=html")
            #expect(html.text.contains("En <strong>trygg</strong> kommun &lt;script&gt;alert(1)&lt;/script&gt;"))
            let audit = try await AuditRecordModel.query(on: app.db).filter(\.$entityType == "textavsnitt").all()
            #expect(audit.map(\.field) == ["Marks kommuns vision"])
            // an unknown heading is refused
            let unknown = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path, ["rubrik": "Finns inte", "text": "x"])
            #expect(unknown.status == .notFound)
        }
    }

    /// Issue 22, point 1: a plan's own section — a heading the template does not name — is added on
    /// *Texter*, placed under a table, shown on the page and printed; a new heading that exists, or a
    /// section without text, is refused with what the person typed kept.
    @Test func aPlannerAddsASectionOfThePlansOwnUnderATable() async throws {
        try await withTertial([try DemoData.sources()[2]]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let form = try await planner.get(SiteURL.planTextEdit(id: Self.plan).path + "?ny=1")
            #expect(form.status == .ok && form.text.contains("name=\"placering\"") && form.text.contains("Under – Driftbudget"))
            // a heading the plan has, or no text: refused, the typed text kept
            let taken = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path,
                                               ["ny": "1", "rubrik": "Marks kommuns vision", "placering": "", "text": "Mitt utkast"])
            #expect(taken.status == .unprocessableEntity && taken.text.contains("redan ett avsnitt") && taken.text.contains("Mitt utkast"))
            let empty = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path, ["ny": "1", "rubrik": "Kommentar", "placering": "Driftbudget", "text": " "])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("value=\"Kommentar\""))
            // added under the budget table
            let added = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path,
                                               ["ny": "1", "rubrik": "Kommentar till driftbudgeten", "placering": "Driftbudget", "text": "Ramen ökar med **3 %**."])
            #expect(added.status == .seeOther)
            let page = try await planner.get(SiteURL.planTexts(id: Self.plan).path)
            #expect(page.text.contains("Kommentar till driftbudgeten") && page.text.contains("Planens eget avsnitt") && page.text.contains("<strong>3 %</strong>"))
            let plan = try await PlanReads.plan(Self.plan, on: app.db)
            let entries = PlanDocumentBuilder.outline(plan)
            let at = try #require(entries.firstIndex { $0.key == "Kommentar till driftbudgeten" })
            #expect(entries[at - 1].key == "Driftbudget" && entries[at].depth == entries[at - 1].depth + 1)
            let html = try await planner.get(SiteURL.planDocument(id: Self.plan).path + "?format=html")
            #expect(html.text.contains("Ramen ökar med <strong>3 %</strong>."))
            // edited in its place, moved, then removed by emptying it
            let moved = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path,
                                               ["rubrik": "Kommentar till driftbudgeten", "placering": "", "text": "Ramen ökar."])
            #expect(moved.status == .seeOther)
            #expect(try await PlanReads.plan(Self.plan, on: app.db).textSections?.first { $0.heading == "Kommentar till driftbudgeten" } == TextSection(heading: "Kommentar till driftbudgeten", text: "Ramen ökar."))
            _ = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path, ["rubrik": "Kommentar till driftbudgeten", "placering": "", "text": ""])
            #expect(try await PlanReads.plan(Self.plan, on: app.db).textSections?.contains { $0.heading == "Kommentar till driftbudgeten" } == false)
            let audit = try await AuditRecordModel.query(on: app.db).filter(\.$entityType == "textavsnitt").all()
            #expect(audit.map(\.action) == ["create", "update", "update", "delete"])
        }
    }

    /// Issue 22, point 6: a plan names its own column headings ("Riktning 2024" where Tertial printed
    /// "Mål 2024"); a heading without its {year} is refused with what was typed kept.
    @Test func aPlannerNamesTheGoalTablesColumns() async throws {
        try await withTertial([try DemoData.sources()[2]]) { app in
            let planner = try await Visitor.signedIn(app, "planerare", roles: ["mark-sn": .planner])
            let form = try await planner.get(SiteURL.planTextEdit(id: Self.plan).path + "?kolumnrubriker=1")
            #expect(form.status == .ok && form.text.contains("Kolumnrubriker i måltabellerna"))
            let wrong = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path, ["kolumnrubriker": "1", "target": "Riktning", "value": "", "baseline": "Utgångsläge"])
            #expect(wrong.status == .unprocessableEntity && wrong.text.contains("{year}") && wrong.text.contains("value=\"Utgångsläge\""))
            let saved = try await planner.post(SiteURL.planTextEdit(id: Self.plan).path, ["kolumnrubriker": "1", "target": "Riktning {year}", "value": "", "baseline": ""])
            #expect(saved.status == .seeOther)
            let page = try await planner.get(SiteURL.plan(id: Self.plan).path)
            #expect(page.text.contains(">Riktning 2024<") && !page.text.contains(">Mål 2024<"))
            let html = try await planner.get(SiteURL.planDocument(id: Self.plan).path + "?format=html")
            #expect(html.text.contains(">Riktning 2025<"))
            let audit = try await AuditRecordModel.query(on: app.db).filter(\.$field == "kolumnrubriker").all()
            #expect(audit.count == 1 && (audit.first?.newValue ?? "").contains("Mål: Riktning {year}"))
        }
    }
}
