import FluentKit
import Foundation
import Testing
import TertialCore
@testable import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Issue 24, points 2 and 3, on SQLite and PostgreSQL (the same suite runs on both): an integration's token
/// writes 100 outcomes in one call; a stale write is a 409 naming the cells and saves nothing; a token
/// without the scope or outside its units gets 403; revoked or expired tokens 401; the rate limit 429;
/// a closed period 423; every read of every demo plan answers.
@Suite struct APITests {
    static let plan = "syn-plan"

    /// The demo municipalities and a synthetic committee with 100 indicators (10 goals × 10).
    static func withAPI(_ body: (Application) async throws -> Void) async throws {
        try await withTertial(try DemoData.sources() + [PlanImporter.Source(name: "syn.json", document: SyntheticPlan.make(id: "syn", goals: 10, indicatorsPerGoal: 10))],
                              body)
    }

    static func token(_ app: Application, _ name: String, scopes: Set<APIScope>, units: [String], expiresAt: Date? = nil) async throws -> String {
        let secret = APITokenSecret.make()
        _ = try await APITokens.create(name: name, scopes: scopes, unitIDs: units, expiresAt: expiresAt, hash: secret.hash, hint: secret.hint,
                                       by: Actor(name: "admin"), on: app.db)
        return secret.secret
    }

    static func call(_ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: Any? = nil,
                     language: String? = nil) async throws -> (status: HTTPStatus, body: [String: Any], list: [Any], headers: HTTPHeaders) {
        var headers: HTTPHeaders = [:]
        if let token { headers.add(name: .authorization, value: "Bearer \(token)") }
        if let language { headers.add(name: .acceptLanguage, value: language) }
        var buffer: ByteBuffer?
        if let json {
            let data = try JSONSerialization.data(withJSONObject: json)
            headers.add(name: .contentType, value: "application/json")
            headers.add(name: .contentLength, value: String(data.count))
            buffer = ByteBuffer(data: data)
        }
        var result: (HTTPStatus, [String: Any], [Any], HTTPHeaders)?
        try await app.testing().test(method, path, headers: headers, body: buffer) { response in
            let parsed = try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
            result = (response.status, parsed as? [String: Any] ?? [:], parsed as? [Any] ?? [], response.headers)
        }
        return result!
    }

    static func outcomes(_ count: Int, value: (Int) -> String, version: Int?) -> [String: Any] {
        ["period": "2024", "values": (0..<count).map { n -> [String: Any] in
            var cell: [String: Any] = ["indicatorId": "syn-ind-\(n)", "kind": "outcome", "value": value(n)]
            if let version { cell["version"] = version }
            return cell
        }]
    }

    @Test func aTokenWritesAHundredOutcomesAndAStaleWriteIsAConflictThatSavesNothing() async throws {
        try await Self.withAPI { app in
            let token = try await Self.token(app, "Ekonomisystemet", scopes: [.read, .writeValues], units: ["syn-nmd"])
            let path = "/api/v1/plans/\(Self.plan)/values"
            let first = try await Self.call(app, .POST, path, token: token, json: Self.outcomes(100, value: { "\(50 + $0 % 40),\($0 % 10)" }, version: 0))
            #expect(first.status == .ok)
            #expect(first.body["changed"] as? Int == 100)
            let cells = try #require(first.body["cells"] as? [[String: Any]])
            #expect(cells.count == 100 && cells.allSatisfy { $0["version"] as? Int == 1 && $0["recordedBy"] as? String == "api:Ekonomisystemet" })
            #expect(cells.first { $0["indicatorId"] as? String == "syn-ind-7" }?["value"] as? String == "57,7")
            // every change is in the audit trail under the token's name
            let audited = try await AuditRecordModel.query(on: app.db).filter(\.$actor == "api:Ekonomisystemet").filter(\.$planID == Self.plan).count()
            #expect(audited == 100)

            // a colleague changes two cells in the grid; the integration sends all 100 again, based on version 1
            for id in ["syn-ind-3", "syn-ind-42"] {
                try await ValueHistory.record(.indicator(id), period: Period(year: 2024), kind: .outcome, text: "12", by: Actor(name: "kollega"), on: app.db)
            }
            let stale = try await Self.call(app, .POST, path, token: token, json: Self.outcomes(100, value: { "\(10 + $0 % 7)" }, version: 1))
            #expect(stale.status == .conflict)
            let conflicts = try #require(stale.body["conflicts"] as? [[String: Any]])
            #expect(Set(conflicts.compactMap { $0["indicatorId"] as? String }) == ["syn-ind-3", "syn-ind-42"])
            #expect(conflicts.allSatisfy { $0["recordedBy"] as? String == "kollega" && $0["value"] as? String == "12" && $0["version"] as? Int == 2 })
            #expect(Set(conflicts.compactMap { $0["pointer"] as? String }) == ["/values/3", "/values/42"])
            #expect(stale.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
            // nothing of the stale call was saved: the other 98 still hold the first call's values
            let stored = try await ValueHistory.cells(planID: Self.plan, period: Period(year: 2024), on: app.db)
            #expect(stored["syn-ind-7"]?[.outcome]?.text == "57,7" && stored["syn-ind-7"]?[.outcome]?.version == 1)
            #expect(stored["syn-ind-3"]?[.outcome]?.text == "12")

            // read back with versions, as an integration would before its next delivery
            let read = try await Self.call(app, .GET, path + "?period=2024", token: token)
            #expect(read.status == .ok && (read.body["cells"] as? [Any])?.count == 100)
        }
    }

    /// An integration may send a JSON number or text as the grid reads it; both are stored as the grid stores them.
    @Test func numbersAndTextAreReadAsTheGridReadsThem() async throws {
        try await Self.withAPI { app in
            let token = try await Self.token(app, "Ekonomisystemet", scopes: [.writeValues], units: [])
            let sent = try await Self.call(app, .POST, "/api/v1/plans/\(Self.plan)/values", token: token, json: ["period": "2024", "values": [
                ["indicatorId": "syn-ind-0", "kind": "outcome", "value": 12.5],
                ["indicatorId": "syn-ind-1", "kind": "outcome", "value": 1560],
                ["indicatorId": "syn-ind-2", "kind": "outcome", "value": "1 560,25"],
                ["indicatorId": "syn-ind-3", "kind": "forecast", "value": "12.5"],
                ["indicatorId": "syn-ind-4", "kind": "outcome", "value": "Uppgift saknas"],
            ]])
            #expect(sent.status == .ok, "\(sent.body)")
            let stored = try await ValueHistory.allCells(planID: Self.plan, period: Period(year: 2024), on: app.db)
            // as the grid stores what a person types: 12,5 / 1560 / 1 560,25 / 12,5 / the marker
            #expect(stored["syn-ind-0"]?[.total]?[.outcome]?.text == (try ValueText("12,5").canonicalText))
            #expect(stored["syn-ind-1"]?[.total]?[.outcome]?.text == (try ValueText("1560").canonicalText))
            #expect(stored["syn-ind-2"]?[.total]?[.outcome]?.text == (try ValueText("1 560,25").canonicalText))
            #expect(stored["syn-ind-3"]?[.total]?[.forecast]?.text == (try ValueText("12,5").canonicalText))
            #expect(stored["syn-ind-4"]?[.total]?[.outcome]?.text == (try ValueText("Uppgift saknas").canonicalText))
            #expect(stored["syn-ind-0"]?[.total]?[.outcome]?.text == "12,5")
        }
    }

    @Test func aTokenWithoutTheScopeOrOutsideItsUnitsIsRefused() async throws {
        try await Self.withAPI { app in
            let reader = try await Self.token(app, "Datalagret", scopes: [.read], units: ["syn-nmd"])
            let markWriter = try await Self.token(app, "Personalsystemet", scopes: [.read, .writeValues], units: ["mark-sn"])
            let path = "/api/v1/plans/\(Self.plan)/values"
            let batch = Self.outcomes(3, value: { "\($0)" }, version: 0)
            let noScope = try await Self.call(app, .POST, path, token: reader, json: batch)
            #expect(noScope.status == .forbidden && (noScope.body["detail"] as? String ?? "").contains("write:values"))
            let outside = try await Self.call(app, .POST, path, token: markWriter, json: batch)
            #expect(outside.status == .forbidden)
            #expect(try await Self.call(app, .GET, "/api/v1/plans/\(Self.plan)", token: markWriter).status == .forbidden)
            // the list holds only the plans of the token's units (Mark's Socialnämnden and the units below it)
            let plans = try await Self.call(app, .GET, "/api/v1/plans", token: markWriter)
            let ids = Set(plans.list.compactMap { ($0 as? [String: Any])?["id"] as? String })
            #expect(ids.contains("mark-sn-namndplan-2024-2025") && ids.contains("mark-familjeenheten-enhetsplan-2024") && !ids.contains(Self.plan)
                    && !ids.contains("lkpg-son-internbudget-2021"))
            // nothing was written by either
            #expect(try await ValueHistory.cells(planID: Self.plan, period: Period(year: 2024), on: app.db).isEmpty)
            // the writer may write in its own unit's plan
            let own = try await Self.call(app, .POST, "/api/v1/plans/mark-sn-namndplan-2024-2025/values", token: markWriter,
                                          json: ["period": "2024", "values": [["indicatorId": "mark-sn-handlaggningstid-familjeenheten", "kind": "outcome", "value": "101"]]])
            #expect(own.status == .ok && own.body["changed"] as? Int == 1)
        }
    }

    @Test func revokedExpiredAndUnknownTokensAreRefusedAndTheRateIsLimited() async throws {
        try await Self.withAPI { app in
            #expect(try await Self.call(app, .GET, "/api/v1/plans", token: nil).status == .unauthorized)
            #expect(try await Self.call(app, .GET, "/api/v1/plans", token: "tertial_okand").status == .unauthorized)
            let expired = try await Self.token(app, "Gammal", scopes: [.read], units: [], expiresAt: Date().addingTimeInterval(1))
            let revoked = try await Self.token(app, "Återkallad", scopes: [.read], units: [])
            #expect(try await Self.call(app, .GET, "/api/v1/plans", token: revoked).status == .ok)
            let id = try #require(try await APITokens.all(on: app.db).first { $0.name == "Återkallad" }?.id)
            try await APITokens.revoke(id, by: Actor(name: "admin"), on: app.db)
            try await Task.sleep(for: .seconds(1.2))
            let refused = try await Self.call(app, .GET, "/api/v1/plans", token: revoked, language: "en-GB, sv;q=0.5")
            #expect(refused.status == .unauthorized && refused.body["title"] as? String == "Authentication required")
            #expect(refused.headers.first(name: .wwwAuthenticate)?.contains("invalid_token") == true)
            #expect(try await Self.call(app, .GET, "/api/v1/plans", token: expired).status == .unauthorized)
            // the last use is recorded
            #expect(try await APITokens.all(on: app.db).first { $0.name == "Återkallad" }?.lastUsedAt != nil)

            app.storage[APIRateLimiterKey.self] = APIRateLimiter(perMinute: 3)
            let busy = try await Self.token(app, "Ivrig", scopes: [.read], units: [])
            for _ in 0..<3 { #expect(try await Self.call(app, .GET, "/api/v1/municipalities", token: busy).status == .ok) }
            let limited = try await Self.call(app, .GET, "/api/v1/municipalities", token: busy)
            #expect(limited.status == .tooManyRequests && Int(limited.headers.first(name: .retryAfter) ?? "") ?? 0 >= 1)
            #expect((limited.body["title"] as? String) == "För många förfrågningar")
        }
    }

    @Test func badValuesAndAClosedPeriodSaveNothingAndSayWhere() async throws {
        try await Self.withAPI { app in
            let token = try await Self.token(app, "Ekonomisystemet", scopes: [.read, .writeValues, .writeActivities], units: [])
            let path = "/api/v1/plans/\(Self.plan)/values"
            let bad = try await Self.call(app, .POST, path, token: token, json: ["period": "2024", "values": [
                ["indicatorId": "syn-ind-0", "kind": "outcome", "value": "12"],
                ["indicatorId": "syn-ind-1", "kind": "outcome", "value": "tolv"],
                ["indicatorId": "finns-inte", "kind": "outcome", "value": "1"],
                ["indicatorId": "syn-ind-0", "kind": "outcome", "value": "13"],
                ["indicatorId": "syn-ind-2", "gender": "women", "kind": "outcome", "value": "1"],
                ["indicatorId": "syn-ind-3", "kind": "outcome", "value": "", "comment": "utan värde"],
                ["indicatorId": "syn-ind-4", "kind": "outcome", "value": 1e300],
            ]])
            #expect(bad.status == .unprocessableEntity)
            let pointers = Set((bad.body["errors"] as? [[String: Any]] ?? []).compactMap { $0["pointer"] as? String })
            #expect(pointers == ["/values/1/value", "/values/2/indicatorId", "/values/3", "/values/4/gender", "/values/5/comment", "/values/6/value"])
            #expect(try await ValueHistory.cells(planID: Self.plan, period: Period(year: 2024), on: app.db).isEmpty)
            // a period the plan does not follow, and a body that does not follow the document
            let period = try await Self.call(app, .POST, path, token: token, json: ["period": "2024-T2", "values": [["indicatorId": "syn-ind-0", "kind": "outcome", "value": "1"]]])
            #expect(period.status == .unprocessableEntity && (period.body["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/period")
            let missing = try await Self.call(app, .POST, path, token: token, json: ["period": "2024", "values": [["indicatorId": "syn-ind-0", "kind": "outcome"]]])
            #expect(missing.status == .badRequest && (missing.body["errors"] as? [[String: Any]])?.first?["pointer"] as? String == "/values/0/value")
            // a closed period: 423, nothing saved
            try await PeriodLocks.close(municipalityID: "syn-kommun", period: Period(year: 2024), by: Actor(name: "controller"), on: app.db)
            let closed = try await Self.call(app, .POST, path, token: token, json: Self.outcomes(2, value: { "\($0)" }, version: 0))
            #expect(closed.status == .locked && (closed.body["detail"] as? String ?? "").contains("stängd"))
            #expect(try await ValueHistory.cells(planID: Self.plan, period: Period(year: 2024), on: app.db).isEmpty)
        }
    }

    @Test func anActivitysStatusIsReportedWithItsVersion() async throws {
        try await withTertial(try DemoData.sources() + [privatePlan()]) { app in
            let token = try await Self.token(app, "Ärendesystemet", scopes: [.read, .writeActivities], units: ["priv-nmd"])
            let path = "/api/v1/plans/priv-plan/activities/priv-akt-0/follow-ups/2024-D"
            let first = try await Self.call(app, .PUT, path, token: token, json: ["status": "ongoing", "comment": "Utkast klart", "percentComplete": 40])
            #expect(first.status == .ok && first.body["status"] as? String == "ongoing")
            let version = try #require(first.body["version"] as? String)
            // someone else changes it; a write based on the old version is a conflict
            #expect(try await Self.call(app, .PUT, path, token: token, json: ["status": "done", "version": version]).status == .ok)
            let stale = try await Self.call(app, .PUT, path, token: token, json: ["status": "delayed", "version": version])
            #expect(stale.status == .conflict)
            let read = try await Self.call(app, .GET, "/api/v1/plans/priv-plan/activities", token: token)
            let activity = (read.body["activities"] as? [[String: Any]])?.first
            #expect((activity?["followUps"] as? [[String: Any]])?.first?["status"] as? String == "done")
            #expect(try await AuditRecordModel.query(on: app.db).filter(\.$actor == "api:Ärendesystemet").count() >= 2)
            // without the scope: 403; an unknown activity: 404
            let reader = try await Self.token(app, "Läsaren", scopes: [.read], units: [])
            #expect(try await Self.call(app, .PUT, path, token: reader, json: ["status": "done"]).status == .forbidden)
            #expect(try await Self.call(app, .PUT, "/api/v1/plans/priv-plan/activities/nej/follow-ups/2024-D", token: token, json: ["status": "done"]).status == .notFound)
        }
    }

    @Test func everyReadOfEveryDemoPlanAnswers() async throws {
        try await withTertial(try DemoData.sources() + [privatePlan()]) { app in
            let token = try await Self.token(app, "Läsaren", scopes: [.read], units: [])
            #expect(try await Self.call(app, .GET, "/api/v1/municipalities", token: token).list.count >= 3)
            #expect(try await Self.call(app, .GET, "/api/v1/municipalities/mark/units", token: token).list.count >= 5)
            let plans = try await Self.call(app, .GET, "/api/v1/plans", token: token).list.compactMap { $0 as? [String: Any] }
            #expect(plans.count >= 5)
            for plan in plans {
                let id = try #require(plan["id"] as? String), year = try #require(plan["budgetYear"] as? Int)
                for suffix in ["", "/goals", "/indicators", "/activities", "/values?period=\(year)"] {
                    let response = try await Self.call(app, .GET, "/api/v1/plans/\(id)\(suffix)", token: token)
                    #expect(response.status == .ok, "\(id)\(suffix): \(response.status) \(response.body)")
                }
                let control = try await Self.call(app, .GET, "/api/v1/plans/\(id)/internal-control", token: token)
                #expect(control.status == .ok || control.status == .notFound)
            }
            let mark = try await Self.call(app, .GET, "/api/v1/plans/mark-sn-namndplan-2024-2025", token: token)
            #expect((mark.body["goals"] as? [Any])?.isEmpty == false && mark.body["title"] as? String != nil)
            #expect(try await Self.call(app, .GET, "/api/v1/plans/finns-inte", token: token).status == .notFound)
        }
    }
}

extension APITests {
    /// The routes under /api/v1 are exactly the operations of the OpenAPI document the server serves, and the
    /// document is open to all (a client reads it before it has a token).
    @Test func theRoutesAreTheDocumentsOperations() async throws {
        try await withTertial([]) { app in
            var served: [String: Any] = [:]
            try await app.testing().test(.GET, "/api/v1/openapi.json") { response in
                #expect(response.status == .ok)
                served = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
            }
            #expect(served["openapi"] as? String == "3.1.0")
            let paths = try #require(served["paths"] as? [String: [String: Any]])
            let documented = Set(paths.flatMap { path, operations in
                operations.keys.map { "\($0.uppercased()) /api/v1" + path.replacingOccurrences(of: "{", with: ":").replacingOccurrences(of: "}", with: "") }
            })
            let registered = Set(app.routes.all.map { "\($0.method.rawValue) /" + $0.path.map(\.description).joined(separator: "/") }
                .filter { $0.contains(" /api/") })
            #expect(registered == documented.union(["GET /api/v1/openapi.json"]))
        }
    }
}
