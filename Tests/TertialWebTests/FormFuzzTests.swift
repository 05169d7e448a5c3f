import Foundation
import Testing
import TertialCore
import TertialStore
import TertialTestSupport
@testable import TertialWeb
import Vapor
import VaporTesting

/// Every form the site shows, every kind of field in it, with hostile values: no answer is a 5xx and
/// nothing traps (a trap would end this test process). The site is crawled as an administrator from
/// the start page and every demo plan; each form's fields are grouped by their kind (the name's
/// first part: "u", "k", "likelihood", …) and one field of each kind gets each value, the rest of the
/// form as the page gave it. Bounded in time; the number of posts is printed (issue 20).
@Suite(.serialized) struct FormFuzzTests {
    /// The likeliest to trap first: the time bound cuts from the end, never the first `mustCover`.
    static let mustCover = 3
    static let hostile: [String] = [
        "9223372036854775807", "-9223372036854775808", String(repeating: "9", count: 40), "99", "-3", "0",
        "0,0000000000000000000000000000000001", "rad ett\r\nrad två", "nul\u{0}tecken", "", "1e308", "NaN",
        "2024-02-30", "Kvartal 9 99999", "<script>alert(1)</script>", "\u{FFFF}\u{FEFF}𝔘", "klocka\u{7}", "\r", "-0",
        "1 560 188,5", "≥ 9O", "../../../etc/passwd", "   ", String(repeating: "å", count: 5_000),
    ]

    @Test func noFormFieldGivesA5xxOrStopsTheServer() async throws {
        try await withTertial { app in
            let admin = Visitor(app)
            let ownAccount = try #require(try await Visitor.account(app, "fuzzadmin", admin: true).id)
            try await admin.signIn("fuzzadmin")
            let deadline = ContinuousClock.now + .seconds(150)
            // Crawl the site's pages (downloads and sign-out left out) and collect their POST forms.
            var queue = ["/"] + (try await PlanModel.query(on: app.db).all().compactMap(\.id).map { SiteURL.plan(id: $0).path })
            var seen = Set(queue), forms: [(action: String, page: TestingHTTPResponse)] = [], shapes = Set<String>(), pageShapes: [String: Int] = [:]
            while !queue.isEmpty, seen.count < 250 {
                let path = queue.removeFirst()
                let page = try await admin.get(path)
                #expect(page.status.code < 500, "GET \(path) → \(page.status)")
                guard page.status == .ok else { continue }
                for link in Self.matches(##"href="(/[^"#]*)""##, page.text) {
                    let href = link.replacingOccurrences(of: "&amp;", with: "&")
                    if href.contains("format=") || href.hasSuffix("/export") || href.contains("/versioner/") || href.contains(".css") || href.contains(".js") { continue }
                    // at most two pages of each shape (a plan has forty indicator pages of one shape)
                    let shape = Self.shape(href)
                    if pageShapes[shape, default: 0] < 2, seen.insert(href).inserted { pageShapes[shape, default: 0] += 1; queue.append(href) }
                }
                for action in Self.matches(#"method="post" action="([^"]*)""#, page.text) where ![SiteURL.signOut.path, SiteURL.signIn.path].contains(action) {
                    if action.hasPrefix(SiteURL.account(id: ownAccount.uuidString).path) { continue }
                    // one form of each shape (ids replaced), so a plan's many goals do not crowd out the rest
                    if shapes.insert(Self.shape(action)).inserted { forms.append((action, page)) }
                }
            }
            #expect(forms.count >= 20, "only \(forms.count) forms found")
            var posts = 0
            // Round by round (one hostile value at a time over every form), so that the time bound cuts
            // values, never whole forms.
            let plans = forms.map { form -> (action: String, fields: [String: String], kinds: [String]) in
                let fields = Visitor.browserFields(form.page.text, action: form.action)
                // one field of each kind: "u.x" and "u.y" are the same kind
                let kinds = Dictionary(grouping: fields.keys.sorted(), by: { $0.split(separator: ".").first.map(String.init) ?? $0 }).compactMap(\.value.first).sorted()
                return (form.action, fields, kinds)
            }
            var rounds = 0
            func send(_ action: String, _ sent: [String: String], _ what: String) async throws {
                let response = try await admin.post(action, sent)
                posts += 1
                #expect(response.status.code < 500, "POST \(action) \(what) → \(response.status)")
            }
            // First, whatever the time: the values that overflow, in one field of each kind at a time, the
            // rest of the form as given (a form that stops at its first error must still reach every
            // field), and in every field at once (pairs such as likelihood × consequence).
            for value in Self.hostile.prefix(Self.mustCover) {
                for (action, fields, kinds) in plans {
                    try await send(action, fields.mapValues { _ in value }, "alla fält=\(value.prefix(40).debugDescription)")
                    for field in kinds { try await send(action, fields.merging([field: value]) { $1 }, "\(field)=\(value.prefix(40).debugDescription)") }
                }
                rounds += 1
            }
            // Then, while there is time, every other value: in every field at once, and spread over the
            // kinds (kind i gets value r + i), so that each round reaches every kind with some value.
            fuzzing: for (r, value) in Self.hostile.enumerated().dropFirst(Self.mustCover) {
                for (action, fields, kinds) in plans {
                    if ContinuousClock.now > deadline { break fuzzing }
                    try await send(action, fields.mapValues { _ in value }, "alla fält=\(value.prefix(40).debugDescription)")
                    var spread = fields
                    for (i, field) in kinds.enumerated() { spread[field] = Self.hostile[(r + i) % Self.hostile.count] }
                    try await send(action, spread, "fälten med värde \(r)+i")
                }
                rounds += 1
            }
            // a byte that is not UTF-8, in one field of each kind
            for (action, fields, kinds) in plans {
                for field in kinds {
                    let raw = (fields.merging([field: "x"]) { $1 }).map { "\(Visitor.encode($0.key))=\($0.key == field ? "%FF%FE" : Visitor.encode($0.value))" }
                        .joined(separator: "&") + "&_csrf=\(admin.csrf ?? "")"
                    let response = try await admin.post(action, rawBody: raw)
                    posts += 1
                    #expect(response.status.code < 500, "POST \(action) \(field)=%FF%FE → \(response.status)")
                }
            }
            // and the server still answers
            #expect(try await admin.get("/").status == .ok)
            print("FormFuzzTests: \(forms.count) forms, \(rounds) of \(Self.hostile.count) values, \(posts) posts, \(seen.count) pages seen")
        }
    }

    /// A path with its ids replaced and its query reduced to the names: "/planer/*/mal/*?period".
    static func shape(_ href: String) -> String {
        let parts = href.split(separator: "?", maxSplits: 1)
        let path = parts[0].split(separator: "/").map { $0.contains("-") ? "*" : String($0) }.joined(separator: "/")
        let names = parts.count > 1 ? parts[1].split(separator: "&").map { $0.split(separator: "=").first.map(String.init) ?? "" }.sorted() : []
        return path + (names.isEmpty ? "" : "?" + names.joined(separator: "&"))
    }

    static func matches(_ pattern: String, _ text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { Range($0.range(at: 1), in: text).map { String(text[$0]) } }
    }
}
