import Foundation
import Testing
@testable import TertialKolada

/// The client's rules against a scripted transport: paths, the 25-id limit, paging by next_url (and
/// v2's next_page), retries on 429 and 5xx, a clear error otherwise, and the data row's shapes.
@Suite struct KoladaClientTests {
    /// Answers by URL path and query; records every request.
    final class Script: KoladaTransport, @unchecked Sendable {
        let lock = NSLock()
        var requests: [URL] = []
        var answers: [(String, Int, [String: String], String)] = []
        let handler: @Sendable (URL, Int) -> (Int, [String: String], String)
        init(_ handler: @escaping @Sendable (URL, Int) -> (Int, [String: String], String)) { self.handler = handler }
        func get(_ url: URL) async throws -> (status: Int, headers: [String: String], body: Data) {
            let n: Int = lock.withLock { requests.append(url); return requests.count }
            let (status, headers, body) = handler(url, n)
            return (status, headers, Data(body.utf8))
        }
    }

    static func row(_ kpi: String, _ m: String, _ year: Any, _ value: String = "82.1") -> String {
        let period = year is String ? "\"\(year)\"" : "\(year)"
        return #"{"kpi":"\#(kpi)","municipality":"\#(m)","period":\#(period),"values":[{"gender":"T","count":1,"status":"","value":\#(value)},{"gender":"K","count":1,"status":"","value":null}]}"#
    }

    @Test func aDataRowReadsAsKoladaSendsIt() throws {
        let page = #"{"values":[\#(Self.row("U21468", "0582", 2023)),\#(Self.row("U21468", "0582", "2022")),{"kpi":"U21468","municipality":"0582","period":2021,"values":[],"isdeleted":true}]}"#
        let decoded = try JSONDecoder().decode(KoladaClient.Page<KoladaDataRow>.self, from: Data(page.utf8))
        #expect(decoded.values.map(\.period) == [2023, 2022, 2021])
        #expect(decoded.values[0].values[0].value == Decimal(string: "82.1") && decoded.values[0].values[1].value == nil)
        #expect(decoded.values[0].municipality == "0582" && decoded.values[2].isDeleted)
    }

    @Test func thirtyMunicipalitiesAreTwoRequestsAndPagesAreFollowed() async throws {
        let script = Script { url, _ in
            let q = URLComponents(url: url, resolvingAgainstBaseURL: false)!.queryItems ?? []
            if url.path.contains("municipality/0001") && !q.contains(where: { $0.name == "page" }) {
                return (200, [:], #"{"values":[\#(Self.row("N1", "0001", 2023))],"next_url":"\#(url.absoluteString)&page=2"}"#)
            }
            return (200, [:], #"{"values":[\#(Self.row("N1", "0026", 2023))]}"#)
        }
        let client = KoladaClient(baseURL: URL(string: "http://127.0.0.1:1/v3")!, transport: script, backoff: .milliseconds(1))
        let ids = (1...30).map { String(format: "%04d", $0) }
        let rows = try await client.data(kpis: ["N1"], municipalities: ids, years: [2023])
        #expect(rows.count == 3)
        let paths = script.requests.map(\.path)
        #expect(paths.count == 3)
        #expect(paths[0] == "/v3/data/kpi/N1/municipality/" + ids.prefix(25).joined(separator: ",") + "/year/2023")
        #expect(paths[2] == "/v3/data/kpi/N1/municipality/" + ids.suffix(5).joined(separator: ",") + "/year/2023")
        #expect(script.requests.allSatisfy { $0.query?.contains("per_page=5000") == true })
    }

    @Test func v2sNextPageIsFollowedToo() async throws {
        let script = Script { url, n in
            n == 1 ? (200, [:], #"{"values":[\#(Self.row("N1", "0580", 2023))],"next_page":"http://127.0.0.1:1/v3/data/kpi/N1/year/2023?page=2"}"#)
                   : (200, [:], #"{"values":[\#(Self.row("N1", "0581", 2023))]}"#)
        }
        let rows = try await KoladaClient(baseURL: URL(string: "http://127.0.0.1:1/v3")!, transport: script).data(kpis: ["N1"], municipalities: [], years: [2023])
        #expect(rows.map(\.municipality) == ["0580", "0581"])
    }

    @Test func a429AndA500AreRetriedAndA404IsAnError() async throws {
        let script = Script { _, n in n == 1 ? (429, ["retry-after": "0"], "") : n == 2 ? (503, [:], "busy") : (200, [:], #"{"values":[]}"#) }
        let client = KoladaClient(baseURL: URL(string: "http://127.0.0.1:1/v3")!, transport: script, backoff: .milliseconds(1))
        #expect(try await client.data(kpis: ["N1"], municipalities: ["0580"], years: []).isEmpty)
        #expect(script.requests.count == 3)
        let failing = Script { _, _ in (404, [:], "{\"error\":\"no such kpi\"}") }
        await #expect(throws: KoladaError.http(status: 404, url: "http://127.0.0.1:1/v3/kpi/X?per_page=5000", message: "{\"error\":\"no such kpi\"}")) {
            try await KoladaClient(baseURL: URL(string: "http://127.0.0.1:1/v3")!, transport: failing).kpis(ids: ["X"])
        }
        let busy = Script { _, _ in (500, [:], "") }
        await #expect(throws: KoladaError.gaveUp(status: 500, url: "http://127.0.0.1:1/v3/municipality?per_page=5000", attempts: 3)) {
            try await KoladaClient(baseURL: URL(string: "http://127.0.0.1:1/v3")!, transport: busy, attempts: 3, backoff: .milliseconds(1)).municipalities()
        }
    }

    @Test func sinceAsksForChangesAndTheBaseURLComesFromTheEnvironment() async throws {
        let script = Script { _, _ in (200, [:], #"{"values":[]}"#) }
        _ = try await KoladaClient(baseURL: URL(string: "http://127.0.0.1:1/v3")!, transport: script).data(kpis: ["N1"], municipalities: ["0580"], years: [2023], since: "2024-01-01")
        #expect(script.requests[0].query == "from_date=2024-01-01&per_page=5000")
        #expect(KoladaClient.baseURL(environment: ["KOLADA_BASE_URL": "http://127.0.0.1:9/v3/"]).absoluteString == "http://127.0.0.1:9/v3")
        #expect(KoladaClient.baseURL(environment: [:]).absoluteString == "https://api.kolada.se/v3")
    }
}
