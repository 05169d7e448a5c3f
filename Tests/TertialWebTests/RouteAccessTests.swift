import Foundation
import Testing
import TertialCore
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Every route × every role: allowed or denied, as declared here. A route added to `SiteRoutes.all`
/// without a line in `expected` fails `everyRouteHasAnExpectation`; a route registered outside
/// `SiteRoutes.all` fails `onlyDeclaredRoutesAreRegistered`.
@Suite struct RouteAccessTests {
    enum Who: String, CaseIterable, Sendable {
        case anonymous, reader, reporter, planner, elsewhere, auditor, admin
    }

    /// "METHOD path-pattern" → who may pass the access rule (on a plan that is adopted but not public).
    static let expected: [String: Set<Who>] = [
        "GET /": Set(Who.allCases),
        "GET /healthz": Set(Who.allCases),
        "GET /tertial.css": Set(Who.allCases),
        "GET /tertial.js": Set(Who.allCases),
        "GET /logga-in": Set(Who.allCases),
        "GET /sok": Set(Who.allCases),
        "POST /logga-in": Set(Who.allCases),
        "POST /logga-ut": Set(Who.allCases).subtracting([.anonymous]),
        "GET /planer/:planID": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/export.json": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/dokument": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/rapport": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/versioner": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/versioner/:number": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/utfall": [.reporter, .planner, .admin],
        "POST /planer/:planID/utfall": [.reporter, .planner, .admin],
        "GET /planer/:planID/status": [.planner, .admin],
        "POST /planer/:planID/status": [.planner, .admin],
        "GET /planer/:planID/nasta-ars-plan": [.planner, .admin],
        "POST /planer/:planID/nasta-ars-plan": [.planner, .admin],
        "GET /planer/:planID/bedomning": [.reporter, .planner, .admin],
        "POST /planer/:planID/bedomning": [.reporter, .planner, .admin],
        "GET /planer/:planID/mal/nytt": [.planner, .admin],
        "POST /planer/:planID/mal/nytt": [.planner, .admin],
        "GET /planer/:planID/mal/:goalID": [.planner, .admin],
        "POST /planer/:planID/mal/:goalID": [.planner, .admin],
        "GET /planer/:planID/mal/:goalID/ny-indikator": [.planner, .admin],
        "POST /planer/:planID/mal/:goalID/ny-indikator": [.planner, .admin],
        "GET /planer/:planID/indikatorer/:indicatorID": [.planner, .admin],
        "POST /planer/:planID/indikatorer/:indicatorID": [.planner, .admin],
        "GET /planer/:planID/indikatorer/:indicatorID/jamforelse": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/omraden/nytt": [.planner, .admin],
        "POST /planer/:planID/omraden/nytt": [.planner, .admin],
        "GET /planer/:planID/omraden/:areaID": [.planner, .admin],
        "POST /planer/:planID/omraden/:areaID": [.planner, .admin],
        "GET /planer/:planID/foljetal/nytt": [.planner, .admin],
        "POST /planer/:planID/foljetal/nytt": [.planner, .admin],
        "GET /planer/:planID/foljetal/:measureID": [.planner, .admin],
        "POST /planer/:planID/foljetal/:measureID": [.planner, .admin],
        "GET /planer/:planID/ekonomi": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/ekonomi.xlsx": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/ekonomi/uppfoljning": [.reporter, .planner, .admin],
        "POST /planer/:planID/ekonomi/uppfoljning": [.reporter, .planner, .admin],
        "POST /planer/:planID/ekonomi/huvudbok": [.reporter, .planner, .admin],
        "POST /planer/:planID/ekonomi/avvikelsegrans": [.planner, .admin],
        "GET /planer/:planID/ekonomi/budget/:budgetID": [.planner, .admin],
        "GET /planer/:planID/aktiviteter": [.reader, .reporter, .planner, .auditor, .admin],
        "POST /planer/:planID/aktiviteter": [.reporter, .planner, .admin],
        "GET /planer/:planID/aktiviteter/ny": [.planner, .admin],
        "POST /planer/:planID/aktiviteter/ny": [.planner, .admin],
        "GET /planer/:planID/aktiviteter/:activityID": [.planner, .admin],
        "POST /planer/:planID/aktiviteter/:activityID": [.planner, .admin],
        "GET /planer/:planID/ovriga-planer": [.planner, .admin],
        "POST /planer/:planID/ovriga-planer": [.planner, .admin],
        "GET /planer/:planID/internkontroll": [.reader, .reporter, .planner, .auditor, .admin],
        "POST /planer/:planID/internkontroll": [.reporter, .planner, .admin],
        "GET /planer/:planID/internkontroll/skala": [.planner, .admin],
        "POST /planer/:planID/internkontroll/skala": [.planner, .admin],
        "GET /planer/:planID/internkontroll/risker/:riskID": [.planner, .admin],
        "POST /planer/:planID/internkontroll/risker/:riskID": [.planner, .admin],
        "GET /planer/:planID/texter": [.reader, .reporter, .planner, .auditor, .admin],
        "GET /planer/:planID/texter/redigera": [.planner, .admin],
        "POST /planer/:planID/texter/redigera": [.planner, .admin],
        "POST /planer/:planID/ekonomi/budget/:budgetID": [.planner, .admin],
        "GET /admin/konton": [.admin],
        "POST /admin/konton": [.admin],
        "GET /admin/konton/:accountID": [.admin],
        "POST /admin/konton/:accountID": [.admin],
        "GET /admin/api-nycklar": [.admin],
        "GET /admin/inloggning": [.admin],
        "POST /admin/inloggning": [.admin],
        "POST /admin/inloggning/:mappingID": [.admin],
        // The municipality's sign-in: 404 without TERTIAL_OIDC_* (as in this test).
        "GET /logga-in/kommunen": Set(Who.allCases),
        "GET /logga-in/kommunen/klar": Set(Who.allCases),
        "GET /metrics": Set(Who.allCases),
        "POST /admin/api-nycklar": [.admin],
        "POST /admin/api-nycklar/:tokenID": [.admin],
        "GET /admin/kommuner/:municipalityID": [.admin],
        "POST /admin/kommuner/:municipalityID": [.admin],
        "GET /admin/kommuner/:municipalityID/perioder": [.admin],
        "POST /admin/kommuner/:municipalityID/perioder": [.admin],
        "GET /arshjul/:municipalityID": Set(Who.allCases).subtracting([.anonymous]),
        "POST /arshjul/:municipalityID": [.admin],
        "GET /rapportlage/:municipalityID": [.auditor, .admin],
        "POST /rapportlage/:municipalityID": [.admin],
        // A report's own page asks for a role on its unit (the handler, once the report is found).
        "GET /rapportering/:taskID": Set(Who.allCases).subtracting([.anonymous]),
        "POST /rapportering/:taskID": Set(Who.allCases).subtracting([.anonymous]),
        "GET /mitt-konto": Set(Who.allCases).subtracting([.anonymous]),
        "POST /mitt-konto": Set(Who.allCases).subtracting([.anonymous]),
        // The secret in the URL is the key (a calendar program has no session).
        "GET /kalender/:token": Set(Who.allCases),
        "GET /granskning": [.auditor, .admin],
        "GET /granskning.csv": [.auditor, .admin],
        // Publication (issue 25): planners publish; the editions, their data and the catalogue are everyone's.
        "GET /planer/:planID/publicering": [.planner, .admin],
        "POST /planer/:planID/publicering": [.planner, .admin],
        "GET /publicerat": Set(Who.allCases),
        "GET /publicerat/:planID/:edition": Set(Who.allCases),
        "GET /publicerat/:planID/:edition/:chapter": Set(Who.allCases),
        "GET /publicerat/:planID/:edition/data/:file": Set(Who.allCases),
        "GET /oppna-data": Set(Who.allCases),
        "GET /oppna-data/:municipalityID/:file": Set(Who.allCases),
        "GET /oppna-data/katalog.rdf": Set(Who.allCases),
        "GET /sitemap.xml": Set(Who.allCases),
        "GET /robots.txt": Set(Who.allCases),
        "GET /tillganglighet": Set(Who.allCases),
    ]

    static func key(_ route: SiteRoute) -> String {
        "\(route.method.rawValue) /" + route.url.routeComponents.map(\.description).joined(separator: "/")
    }

    @Test func everyRouteHasAnExpectation() {
        let keys = Set(SiteRoutes.all.map(Self.key))
        #expect(keys == Set(Self.expected.keys), "routes without a declared expectation: \(keys.subtracting(Self.expected.keys)); stale: \(Set(Self.expected.keys).subtracting(keys))")
    }

    @Test func onlyDeclaredRoutesAreRegistered() async throws {
        try await withTertial([]) { app in
            // (the API under /api/v1 is registered from its OpenAPI document; APITests checks those routes)
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }
                .filter { !$0.contains(" /api/") })
            #expect(registered == Set(SiteRoutes.all.map(Self.key)))
        }
    }

    /// A denial by the access rules, as opposed to an answer from the handler (401 for a wrong
    /// password on the sign-in form, 422 for a form error).
    static func isDenied(_ response: TestingHTTPResponse) -> Bool {
        switch response.status {
        case .forbidden: response.text.contains("Du har inte behörighet")
        case .seeOther: response.headers.first(name: .location)?.hasPrefix(SiteURL.signIn.path + "?till=") == true
        case .unauthorized: response.text.contains("Du behöver logga in")
        default: false
        }
    }

    @Test func everyRouteForEveryRole() async throws {
        try await withTertial(try DemoData.sources() + [privatePlan()]) { app in
            // given one person per role, on the private plan's committee (or, for "elsewhere", on Linköping's)
            let roles: [Who: (admin: Bool, auditor: Bool, roles: [String: UnitRole])] = [
                .reader: (false, false, ["priv-nmd": .reader]), .reporter: (false, false, ["priv-nmd": .reporter]),
                .planner: (false, false, ["priv-kf": .planner]), .elsewhere: (false, false, ["lkpg-son": .planner]),
                .auditor: (false, true, [:]), .admin: (true, false, [:]),
            ]
            var visitors: [Who: Visitor] = [.anonymous: Visitor(app)]
            var someAccount = ""
            for (who, grant) in roles {
                let account = try await Visitor.account(app, who.rawValue, admin: grant.admin, auditor: grant.auditor, roles: grant.roles)
                someAccount = account.id!.uuidString
                let visitor = Visitor(app)
                #expect(try await visitor.signIn(who.rawValue).status == .seeOther)
                visitors[who] = visitor
            }
            // when each of them tries each route (POSTs with a valid CSRF token and an empty form)
            for route in SiteRoutes.all where route.url != .signOut {
                let path = route.samplePath(planID: "priv-plan", accountID: someAccount)
                for who in Who.allCases {
                    let visitor = visitors[who]!
                    let response = route.method == .GET ? try await visitor.get(path) : try await visitor.post(path, [:])
                    // then the answer is what the table says
                    let allowed = Self.expected[Self.key(route)]?.contains(who) == true
                    #expect(Self.isDenied(response) == !allowed, "\(Self.key(route)) as \(who): \(response.status)")
                    // (a report or a calendar secret that does not exist is the handler's 404, after the rule let the visitor pass)
                    let unknownIsAnswer = ["GET /rapportering/:taskID", "POST /rapportering/:taskID", "GET /kalender/:token", "POST /admin/api-nycklar/:tokenID",
                                           "POST /admin/inloggning/:mappingID", "GET /logga-in/kommunen", "GET /logga-in/kommunen/klar",
                                           // nothing is published in this test: an edition, its chapter and data, a municipality's data are 404
                                           "GET /publicerat/:planID/:edition", "GET /publicerat/:planID/:edition/:chapter",
                                           "GET /publicerat/:planID/:edition/data/:file", "GET /oppna-data/:municipalityID/:file"]
                        .contains(Self.key(route)) && allowed
                    #expect((response.status != .notFound || unknownIsAnswer) && response.status.code < 500, "\(Self.key(route)) as \(who): \(response.status)")
                }
            }
            // sign-out last: it ends the session
            for who in Who.allCases {
                let response = try await visitors[who]!.post(SiteURL.signOut.path, [:])
                #expect(Self.isDenied(response) == (who == .anonymous), "sign-out as \(who): \(response.status)")
            }
        }
    }
}
