import Testing
import TertialStore
import Vapor
import VaporTesting
@testable import TertialWeb

@Suite struct DocumentDownloadTests {
    let mark = "mark-sn-namndplan-2024-2025"

    @Test func thePlanPageOffersEveryFormatAndTheReports() async throws {
        try await withTertial { app in
            let page = try await Visitor(app).get(SiteURL.plan(id: mark).path)
            for format in ["docx", "pdf", "html", "xlsx", "csv"] {
                #expect(page.text.contains("href=\"/planer/\(mark)/dokument?format=\(format)\""), "\(format)")
            }
            #expect(page.text.contains("action=\"/planer/\(mark)/rapport\""))
            #expect(page.text.contains("<option value=\"2025\""))
        }
    }

    @Test func aPublicPlanDownloadsAsWordWithASwedishFileName() async throws {
        try await withTertial { app in
            let response = try await Visitor(app).get(SiteURL.planDocument(id: mark).path + "?format=docx")
            #expect(response.status == .ok)
            #expect(response.headers.contentType?.description.contains("wordprocessingml") == true)
            let disposition = response.headers.first(name: .contentDisposition) ?? ""
            #expect(disposition.hasPrefix("attachment;"))
            #expect(disposition.contains("filename*=UTF-8''N%C3%A4mndplan%202024-2025"))
            #expect(Array(response.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            // Public and adopted: not audited.
            #expect(try await AuditLog.records(.init(action: .exportPlan), on: app.db).isEmpty)
        }
    }

    @Test func aFollowUpReportForTheChosenPeriod() async throws {
        try await withTertial { app in
            let visitor = Visitor(app)
            let report = try await visitor.get(SiteURL.planReport(id: mark).path + "?typ=delar&ar=2024&format=html")
            #expect(report.status == .ok)
            #expect(report.text.contains("<h1>Delårsrapport 2024 – Nämndplan 2024-2025</h1>"))
            #expect(report.text.contains("Måluppfyllelse"))
            let xlsx = try await visitor.get(SiteURL.planReport(id: mark).path + "?typ=helar&ar=2025&format=xlsx")
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers.contentType?.description.contains("spreadsheetml") == true)
        }
    }

    @Test func wrongChoicesGetAClearAnswer() async throws {
        try await withTertial { app in
            let visitor = Visitor(app)
            let format = try await visitor.get(SiteURL.planDocument(id: mark).path + "?format=odt")
            #expect(format.status == .badRequest)
            #expect(format.text.contains("Okänt format"))
            let kind = try await visitor.get(SiteURL.planReport(id: mark).path + "?typ=kvartal&ar=2024")
            #expect(kind.status == .badRequest)
            #expect(kind.text.contains("tertial, delar eller helar"))
            let year = try await visitor.get(SiteURL.planReport(id: mark).path + "?typ=delar&ar=tjugo")
            #expect(year.status == .badRequest)
            #expect(try await visitor.get(SiteURL.planDocument(id: mark).path + "?version=99").status == .notFound)
        }
    }

    @Test func downloadsOfPlansThatAreNotPublicAreAuditedAndNeedARole() async throws {
        try await withTertial([privatePlan()]) { app in
            #expect(try await Visitor(app).get(SiteURL.planDocument(id: "priv-plan").path).status == .seeOther)
            try await Visitor.account(app, "lasare", roles: ["priv-nmd": .reader])
            let reader = Visitor(app)
            try await reader.signIn("lasare")
            #expect(try await reader.get(SiteURL.planDocument(id: "priv-plan").path + "?format=xlsx").status == .ok)
            let records = try await AuditLog.records(.init(action: .exportPlan), on: app.db)
            #expect(records.map(\.actor) == ["lasare"])
            #expect(records.first?.newValue?.hasPrefix("xlsx: ") == true)
        }
    }

    @Test func attackStringsComeOutAsTextInDocuments() async throws {
        try await withTertial([SecurityTests.hostilePlan()]) { app in
            try await Visitor.account(app, "admin", admin: true)
            let visitor = Visitor(app)
            try await visitor.signIn("admin")
            let plan = try await visitor.get(SiteURL.planDocument(id: "xss-plan").path + "?format=html")
            #expect(plan.status == .ok)
            SecurityTests.expectEscaped(plan.text, "plan document")
            let report = try await visitor.get(SiteURL.planReport(id: "xss-plan").path + "?typ=helar&ar=2025&format=html")
            SecurityTests.expectEscaped(report.text, "report")
        }
    }

    @Test func theCoverSaysWhichVersionTheDocumentWasBuiltFrom() async throws {
        try await withTertial { app in
            try await Visitor.account(app, "admin", admin: true)
            let admin = Visitor(app)
            try await admin.signIn("admin")
            let before = try await admin.get(SiteURL.planDocument(id: mark).path + "?format=html")
            #expect(before.text.contains("<dd>Planversion 1 (fastställd)</dd>"))
            // An outcome entered after adoption changes the live plan, not version 1.
            _ = try await admin.post(SiteURL.planValues(id: mark).path, ["ar": "2024", "u.mark-sn-utredningstid-lss": "41"])
            let after = try await admin.get(SiteURL.planDocument(id: mark).path + "?format=html")
            #expect(after.text.contains("<dd>Arbetsversion, ändrad efter planversion 1</dd>"))
            let frozen = try await admin.get(SiteURL.planDocument(id: mark).path + "?format=html&version=1")
            #expect(frozen.text.contains("<dd>Planversion 1 (fastställd)</dd>"))
            let versions = try await admin.get(SiteURL.planVersions(id: mark).path)
            #expect(versions.text.contains("href=\"/planer/\(mark)/dokument?format=docx&amp;version=1\""))
        }
    }
}
