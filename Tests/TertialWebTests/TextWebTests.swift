import FluentKit
import Foundation
import Testing
import TertialCore
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// The plan's text sections: read in the template's order, written by planners as formatted text,
/// where HTML is text and the documents print what was saved.
@Suite struct TextWebTests {
    static let plan = "mark-sn-namndplan-2024-2025"

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
}
