import Foundation
import NIOHTTP1
import TertialCore
import TertialInterchange
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Boots the application on a scratch database (SQLite, or PostgreSQL when configured),
/// loads `documents`, runs `body`, and cleans up.
func withTertial(_ documents: [PlanImporter.Source]? = nil, _ body: (Application) async throws -> Void) async throws {
    let scratch = try await ScratchDatabase.make()
    let app: Application
    do {
        app = try await Application.make(.testing)
    } catch {
        await scratch.drop()
        throw error
    }
    do {
        try await configure(app, database: scratch.config)
        try await PlanImporter.importDocuments(try documents ?? DemoData.sources(), into: app.db, by: .system("test"))
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        await scratch.drop()
        throw error
    }
    try await app.asyncShutdown()
    await scratch.drop()
}

extension TestingHTTPResponse {
    var text: String { body.string }
}

/// A visitor with a cookie jar: signs in through the real form and sends the CSRF token that
/// the pages give it, as a browser would.
final class Visitor: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ app: Application) { self.app = app }

    /// An account made directly in the store (bcrypt as in production), with roles.
    @discardableResult
    static func account(_ app: Application, _ username: String, password: String = "ett långt lösenord", admin: Bool = false, auditor: Bool = false,
                        roles: [String: UnitRole] = [:]) async throws -> AccountModel {
        let hash = try await app.password.async(on: app.threadPool, hopTo: app.eventLoopGroup.any()).hash(password)
        let account = try await Accounts.create(username: username, displayName: username.capitalized, passwordHash: hash,
                                                administrator: admin, auditor: auditor, by: .system("test"), on: app.db)
        for (unit, role) in roles { try await Accounts.setRole(account.id!, unitID: unit, role: role, by: .system("test"), on: app.db) }
        return account
    }

    /// A new account with `roles`, signed in through the form.
    static func signedIn(_ app: Application, _ username: String, roles: [String: UnitRole] = [:], admin: Bool = false) async throws -> Visitor {
        try await account(app, username, admin: admin, roles: roles)
        let visitor = Visitor(app)
        try await visitor.signIn(username)
        return visitor
    }

    var cookieHeader: HTTPHeaders {
        cookies.isEmpty ? [:] : ["Cookie": cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")]
    }

    func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2 else { continue }
            if header.lowercased().contains("max-age=0") || header.lowercased().contains("expires=thu, 01 jan 1970") { cookies[pair[0]] = nil }
            else { cookies[pair[0]] = pair[1] }
        }
        if let range = response.text.range(of: "name=\"_csrf\" value=\"") {
            csrf = String(response.text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await app.testing().test(.GET, path, headers: cookieHeader) { result = $0 }
        remember(result!)
        return result!
    }

    /// Posts a form; the CSRF token is added unless `csrf: false`, and fetched first when none is known.
    @discardableResult
    func post(_ path: String, _ form: [String: String] = [:], csrf sendToken: Bool = true, rawBody: String? = nil) async throws -> TestingHTTPResponse {
        if sendToken && csrf == nil { try await get(SiteURL.home.path) }
        var fields = form
        if sendToken { fields["_csrf"] = csrf }
        let body = rawBody ?? fields.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }.joined(separator: "&")
        var headers = cookieHeader
        headers.add(name: .contentType, value: "application/x-www-form-urlencoded")
        headers.add(name: .contentLength, value: String(body.utf8.count))
        var result: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { result = $0 }
        remember(result!)
        return result!
    }

    /// Like a browser submitting a form: the hidden and text fields of the page at `formPage` (fetched now,
    /// or the given response) are sent along with `fields`.
    @discardableResult
    func submit(_ path: String, _ fields: [String: String], formPage: TestingHTTPResponse? = nil, from pagePath: String? = nil) async throws -> TestingHTTPResponse {
        let page: TestingHTTPResponse
        if let formPage { page = formPage } else { page = try await get(pagePath ?? path) }
        var all = Self.hiddenFields(page.text)
        all["_csrf"] = nil
        for (key, value) in fields { all[key] = value }
        return try await post(path, all)
    }

    static func hiddenFields(_ html: String) -> [String: String] {
        var result: [String: String] = [:]
        // Hidden and text inputs, as a browser submits them (checkboxes and selects are given by the test).
        let pattern = try! NSRegularExpression(pattern: #"<input type="(?:hidden|text)"[^>]*? name="([^"]*)"[^>]*? value="([^"]*)""#)
        for match in pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)) {
            let name = String(html[Range(match.range(at: 1), in: html)!]), value = String(html[Range(match.range(at: 2), in: html)!])
            func unescape(_ s: String) -> String {
                s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
                    .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
            }
            result[unescape(name)] = unescape(value)
        }
        return result
    }

    @discardableResult
    func signIn(_ username: String, password: String = "ett långt lösenord") async throws -> TestingHTTPResponse {
        try await get(SiteURL.signIn.path)
        let response = try await post(SiteURL.signIn.path, ["username": username, "password": password])
        if response.status == .seeOther { try await get(SiteURL.home.path) } // pick up the session's CSRF token
        return response
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A plan that is adopted but not public, owned by `priv-nmd` (under `priv-kf`).
func privatePlan() -> PlanImporter.Source {
    var document = SyntheticPlan.make(id: "priv", goals: 2, indicatorsPerGoal: 2)
    document.plan.status = .adopted
    document.plan.isPublic = false
    document.plan.decision = DecisionRecord(body: "Nämnden", date: "2024-11-20", paragraph: "§ 1", caseNumber: "N 2024-1", points: ["Planen fastställs."])
    document.trackingMeasures = [TrackingMeasureRecord(id: "priv-ft-0", name: "Antal ärenden", group: "Följetal", unit: "antal", decimals: 0,
                                                       basicMissionId: nil, approvedLevel: "70-100", values: [])]
    // A budget, so the economy routes have something to show and edit.
    let column = BudgetColumn(.budget, document.plan.budgetYear)
    document.economy = EconomyRecord(Economy(operatingBudgets: [.init(id: "drift", budget: OperatingBudget(unit: .tkr, sign: .costsPositive, columns: [column],
        sections: [BudgetSection(lines: [BudgetLine(id: "verksamhet", name: "Verksamhet", amounts: [column: 1_000])], totalLabel: "Summa")],
        frame: [column: 1_000], layout: BudgetLayout(title: "Driftbudget", heading: "Tkr")))]))
    // An activity, so the activity routes have one to show and change.
    document.activityPlan = ActivityPlanRecord(activities: [ActivityRecord(id: "priv-akt-0", text: "Ta fram en rutin", due: "\(document.plan.budgetYear)-Q2")])
    // An internal control, so its routes have a risk, a control and an occasion.
    document.internalControl = InternalControlRecord(year: document.plan.budgetYear, scale: RiskScaleRecord(likelihood: RiskScale.fiveByFive.likelihood,
        consequence: RiskScale.fiveByFive.consequence, threshold: 12), risks: [RiskRecord(id: "priv-ik-0", process: "Ekonomi", risk: "Felaktiga utbetalningar",
        likelihood: 3, consequence: 4, controls: [ControlRecord(id: "priv-ik-k-0", control: "Stickprov", frequency: "3 gånger/år")])])
    return PlanImporter.Source(name: "priv.json", document: document)
}

extension Visitor {
    /// Every field a browser would send from the form whose action is `action` on `html`: hidden and
    /// text inputs, textareas (line breaks as CR LF, as browsers send them) and each select's chosen
    /// option (or its first). Buttons, checkboxes and files are left to the test.
    static func browserFields(_ html: String, action: String) -> [String: String] {
        guard let start = html.range(of: "method=\"post\" action=\"\(action)\"") else { return [:] }
        let rest = html[start.upperBound...]
        let form = String(rest[..<(rest.range(of: "</form>")?.lowerBound ?? rest.endIndex)])
        func unescape(_ s: String) -> String {
            s.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&#10;", with: "\n")
                .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        }
        func matches(_ pattern: String, _ text: String) -> [[String]] {
            let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
            return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { m in
                (1..<m.numberOfRanges).map { Range(m.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
            }
        }
        var fields: [String: String] = [:]
        // An input without a value attribute (Plot leaves empty ones out) sends "".
        for m in matches(#"<input ([^>]*)>"#, form) {
            let tag = m[0]
            guard let type = matches(#"type="([^"]*)""#, tag).first?[0], type == "hidden" || type == "text",
                  let name = matches(#"name="([^"]*)""#, tag).first?[0] else { continue }
            fields[unescape(name)] = unescape(matches(#" value="([^"]*)""#, tag).first?[0] ?? "")
        }
        for m in matches(#"<textarea[^>]*? name="([^"]*)"[^>]*>(.*?)</textarea>"#, form) {
            fields[unescape(m[0])] = unescape(m[1]).replacingOccurrences(of: "\n", with: "\r\n")
        }
        for m in matches(#"<select[^>]*? name="([^"]*)"[^>]*>(.*?)</select>"#, form) {
            let options = matches(#"<option value(?:="([^"]*)")?( selected(?:="selected")?)?"#, m[1])
            fields[unescape(m[0])] = unescape((options.first { !$0[1].isEmpty } ?? options.first)?[0] ?? "")
        }
        fields["_csrf"] = nil
        return fields
    }

    /// Posts the form of `page` (a response or a fresh GET of `path`) as a browser would, with `changes`.
    @discardableResult
    func resubmit(_ path: String, page: TestingHTTPResponse, _ changes: [String: String]) async throws -> TestingHTTPResponse {
        var fields = Self.browserFields(page.text, action: path)
        for (key, value) in changes { fields[key] = value }
        return try await post(path, fields)
    }
}
