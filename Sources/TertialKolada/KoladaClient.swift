import Foundation

// A client for Kolada's public API, version 3 (https://api.kolada.se/v3/; v2 was shut down in 2026):
// metadata (KPIs, municipalities, groups, organisational units) and data rows, with paging by
// `next_url` (v2's `next_page` as fallback), at most 25 ids or years in one path segment, retries
// with backoff on 429 and 5xx, and a clear error for anything else. The HTTP itself is a transport
// (`KoladaTransport`) so that the rules here are tested without a network; the executable gives it
// AsyncHTTPClient. Data from Kolada is credited "Källa: Kolada".

/// One GET: status, headers (lower-cased names) and body. Throws only when no answer came (timeout, refused).
public protocol KoladaTransport: Sendable {
    func get(_ url: URL) async throws -> (status: Int, headers: [String: String], body: Data)
}

public enum KoladaError: Error, CustomStringConvertible, Sendable, Equatable {
    case http(status: Int, url: String, message: String)
    case gaveUp(status: Int, url: String, attempts: Int)
    case unreadable(url: String, message: String)
    case noAnswer(url: String, message: String)

    public var description: String {
        switch self {
        case .http(let status, let url, let message): "Kolada svarade \(status) på \(url)\(message.isEmpty ? "" : ": \(message)")"
        case .gaveUp(let status, let url, let attempts): "Kolada svarade \(status) på \(url) \(attempts) gånger i rad; försök igen senare"
        case .unreadable(let url, let message): "Kolada gav ett svar som inte kan läsas (\(url)): \(message)"
        case .noAnswer(let url, let message): "Inget svar från Kolada (\(url)): \(message)"
        }
    }
}

public struct KoladaKPI: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var description: String?
    public var isDividedByGender: Bool?
    public var hasOUData: Bool?
    enum CodingKeys: String, CodingKey { case id, title, description, isDividedByGender = "is_divided_by_gender", hasOUData = "has_ou_data" }
    public init(id: String, title: String, description: String? = nil) { self.id = id; self.title = title; self.description = description }
}

public struct KoladaMunicipality: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    /// "K" municipality, "L" region.
    public var type: String?
}

public struct KoladaGroup: Codable, Hashable, Sendable {
    public struct Member: Codable, Hashable, Sendable { public var id: String; public var title: String? }
    public var id: String
    public var title: String
    public var members: [Member]
}

public struct KoladaUnit: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    public var municipality: String?
}

/// A data row: one KPI, municipality (or unit) and year with its values by gender.
public struct KoladaDataRow: Codable, Hashable, Sendable {
    public struct Value: Codable, Hashable, Sendable {
        /// "T" total, "K" women, "M" men.
        public var gender: String
        public var count: Int?
        public var status: String?
        /// Kolada may send null (no value for that gender and year).
        public var value: Decimal?

        public init(gender: String, count: Int? = nil, status: String? = nil, value: Decimal?) {
            self.gender = gender; self.count = count; self.status = status; self.value = value
        }

        enum CodingKeys: String, CodingKey { case gender, count, status, value }
        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            gender = try c.decode(String.self, forKey: .gender)
            count = try c.decodeIfPresent(Int.self, forKey: .count)
            status = try c.decodeIfPresent(String.self, forKey: .status)
            // A number, read through its text so that 82.1 stays 82.1 (no binary floating point).
            value = try c.decodeIfPresent(KoladaNumber.self, forKey: .value)?.decimal
        }
    }

    public var kpi: String
    /// Four characters with the leading zero ("0580"); "0000" is the country (Riket).
    public var municipality: String
    /// The year; Kolada sends it as an integer or as a string.
    public var period: Int
    public var values: [Value]
    /// A value Kolada has removed (only in answers with `from_date`).
    public var isDeleted: Bool

    public init(kpi: String, municipality: String, period: Int, values: [Value], isDeleted: Bool = false) {
        self.kpi = kpi; self.municipality = municipality; self.period = period; self.values = values; self.isDeleted = isDeleted
    }

    enum CodingKeys: String, CodingKey { case kpi, municipality, ou, period, values, isdeleted }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kpi = try c.decode(String.self, forKey: .kpi)
        guard let place = try c.decodeIfPresent(String.self, forKey: .municipality) ?? c.decodeIfPresent(String.self, forKey: .ou) else {
            throw DecodingError.keyNotFound(CodingKeys.municipality, .init(codingPath: c.codingPath, debugDescription: "municipality eller ou saknas"))
        }
        municipality = place
        if let year = try? c.decode(Int.self, forKey: .period) { period = year }
        else if let text = try? c.decode(String.self, forKey: .period), let year = Int(text.prefix(4)) { period = year }
        else { throw DecodingError.dataCorruptedError(forKey: .period, in: c, debugDescription: "perioden är inget år") }
        values = try c.decodeIfPresent([Value].self, forKey: .values) ?? []
        isDeleted = (try? c.decodeIfPresent(Bool.self, forKey: .isdeleted)) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kpi, forKey: .kpi); try c.encode(municipality, forKey: .municipality); try c.encode(period, forKey: .period)
        try c.encode(values, forKey: .values)
        if isDeleted { try c.encode(true, forKey: .isdeleted) }
    }
}

extension KoladaDataRow {
    /// What the row breaks of Kolada's API definition (v3), in Swedish; empty when it is a row the API
    /// could have sent: a KPI id like "N00945" or "U00401", a municipality's four digits ("0580";
    /// "0000" the country) or an organisational unit's id ("V15E058000301"), a year, and values for
    /// T (total), K (women) or M (men) only. Whatever reads rows (the sync, a file) refuses such a
    /// row before anything is stored, so nothing of it reaches a page.
    public var problems: [String] {
        var result: [String] = []
        func plain(_ text: String, _ allowed: (Unicode.Scalar) -> Bool) -> Bool { text.unicodeScalars.allSatisfy(allowed) }
        let digit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        let upperOrDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) || ("A"..."Z").contains($0) }
        if !(kpi.unicodeScalars.count == 6 && ["N", "U"].contains(kpi.first) && plain(String(kpi.dropFirst()), digit)) {
            result.append("nyckeltalet \"\(Self.shown(kpi))\" är inget Kolada-id (som N00945 eller U00401)")
        }
        let isMunicipality = municipality.unicodeScalars.count == 4 && plain(municipality, digit)
        let isUnit = (4...20).contains(municipality.unicodeScalars.count) && municipality.first == "V" && plain(municipality, upperOrDigit)
        if !isMunicipality && !isUnit {
            result.append("kommunen \"\(Self.shown(municipality))\" är ingen Kolada-kod (fyra siffror, som 0580)")
        }
        if !(1900...2100).contains(period) { result.append("perioden \(period) är inget år (1900–2100)") }
        for value in values where !["T", "K", "M"].contains(value.gender) {
            result.append("könet \"\(Self.shown(value.gender))\" finns inte i Kolada (T, K eller M)")
        }
        if let count = values.compactMap(\.count).first(where: { $0 < 0 }) { result.append("antalet \(count) är negativt") }
        return result
    }

    /// At most 40 characters of a field, control characters shown as "�".
    static func shown(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(40).map { $0.value < 0x20 || $0.value == 0x7F ? "\u{FFFD}" : $0 }))
    }
}

/// A JSON number read as its digits.
struct KoladaNumber: Decodable {
    let decimal: Decimal
    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Decimal.self) { decimal = d; return }
        if let text = try? c.decode(String.self), let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) { decimal = d; return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "inget tal")
    }
}

public struct KoladaClient: Sendable {
    public var baseURL: URL
    public var transport: any KoladaTransport
    /// Attempts per request for 429 and 5xx answers, and the first pause (doubled each time; a
    /// Retry-After header is honoured up to 60 s).
    public var attempts: Int
    public var backoff: Duration
    public var perPage: Int
    /// Told after every request: the URL and how many data rows have come so far.
    public var progress: (@Sendable (URL, Int) -> Void)?

    public static let defaultBaseURL = URL(string: "https://api.kolada.se/v3")!
    /// At most this many comma-separated ids or years in one path segment.
    public static let maxIDsPerSegment = 25

    public init(baseURL: URL = defaultBaseURL, transport: any KoladaTransport, attempts: Int = 5, backoff: Duration = .milliseconds(500),
                perPage: Int = 5000, progress: (@Sendable (URL, Int) -> Void)? = nil) {
        self.baseURL = baseURL; self.transport = transport; self.attempts = attempts; self.backoff = backoff; self.perPage = perPage; self.progress = progress
    }

    /// `KOLADA_BASE_URL` when set ("http://127.0.0.1:8080/v3"), else Kolada's own address.
    public static func baseURL(environment: [String: String]) -> URL {
        environment["KOLADA_BASE_URL"].flatMap { URL(string: $0.hasSuffix("/") ? String($0.dropLast()) : $0) } ?? defaultBaseURL
    }

    // MARK: Metadata

    public func kpis(ids: [String]) async throws -> [KoladaKPI] {
        var result: [KoladaKPI] = []
        for chunk in Self.chunks(ids) { result += try await all(path: "/kpi/\(chunk.joined(separator: ","))", query: [:]) }
        return result
    }

    public func searchKPIs(title: String) async throws -> [KoladaKPI] { try await all(path: "/kpi", query: ["title": title]) }
    public func kpiGroups() async throws -> [KoladaGroup] { try await all(path: "/kpi_groups", query: [:]) }
    public func municipalities(regionType: String? = nil) async throws -> [KoladaMunicipality] {
        try await all(path: "/municipality", query: regionType.map { ["region_type": $0] } ?? [:])
    }
    public func municipalityGroups() async throws -> [KoladaGroup] { try await all(path: "/municipality_groups", query: [:]) }
    public func units(municipality: String) async throws -> [KoladaUnit] { try await all(path: "/ou", query: ["municipality": municipality]) }

    // MARK: Data

    /// Data rows for KPIs × municipalities × years; any one of the three may be empty (Kolada's
    /// two-of-three paths), not two. Long lists are split into requests of at most 25; `since` asks
    /// only for what changed from that day (deleted values included).
    public func data(kpis: [String], municipalities: [String], years: [Int], since: String? = nil, units: Bool = false) async throws -> [KoladaDataRow] {
        let parts: [(String, [String])] = [("kpi", kpis), (units ? "ou" : "municipality", municipalities), ("year", years.map(String.init))].filter { !$0.1.isEmpty }
        guard parts.count >= 2 else { throw KoladaError.http(status: 0, url: baseURL.absoluteString, message: "ange minst två av nyckeltal, kommuner och år") }
        var rows: [KoladaDataRow] = []
        var combinations: [[(String, [String])]] = [[]]
        for (name, values) in parts {
            combinations = combinations.flatMap { prefix in Self.chunks(values).map { prefix + [(name, $0)] } }
        }
        for combination in combinations {
            let path = "/\(units ? "oudata" : "data")/" + combination.map { "\($0.0)/\($0.1.joined(separator: ","))" }.joined(separator: "/")
            rows += try await all(path: path, query: since.map { ["from_date": $0] } ?? [:], counted: rows.count)
        }
        return rows
    }

    static func chunks(_ values: [String]) -> [[String]] {
        stride(from: 0, to: values.count, by: maxIDsPerSegment).map { Array(values[$0..<min($0 + maxIDsPerSegment, values.count)]) }
    }

    // MARK: Paging and retries

    struct Page<T: Decodable>: Decodable {
        var values: [T]
        var nextURL: String?
        var nextPage: String?
        enum CodingKeys: String, CodingKey { case values, nextURL = "next_url", nextPage = "next_page" }
    }

    func all<T: Decodable>(path: String, query: [String: String], counted: Int = 0) async throws -> [T] {
        var components = URLComponents(url: baseURL.appendingPathComponent(String(path.dropFirst()), isDirectory: false), resolvingAgainstBaseURL: false)!
        var items = query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        items.append(URLQueryItem(name: "per_page", value: String(perPage)))
        components.queryItems = items
        var next: URL? = components.url
        var result: [T] = []
        var seen: Set<String> = []
        while let url = next {
            guard seen.insert(url.absoluteString).inserted else { throw KoladaError.unreadable(url: url.absoluteString, message: "nästa sida pekar tillbaka på en sida som redan hämtats") }
            let body = try await fetch(url)
            let page: Page<T>
            do { page = try JSONDecoder().decode(Page<T>.self, from: body) } catch {
                throw KoladaError.unreadable(url: url.absoluteString, message: String(describing: error).prefix(300).description)
            }
            result += page.values
            progress?(url, counted + result.count)
            let link = [page.nextURL, page.nextPage].compactMap { $0 }.first { !$0.isEmpty }
            next = link.flatMap { URL(string: $0, relativeTo: url)?.absoluteURL }
        }
        return result
    }

    func fetch(_ url: URL) async throws -> Data {
        var pause = backoff
        for attempt in 1...max(attempts, 1) {
            let answer: (status: Int, headers: [String: String], body: Data)
            do { answer = try await transport.get(url) } catch {
                throw KoladaError.noAnswer(url: url.absoluteString, message: String(describing: error).prefix(200).description)
            }
            switch answer.status {
            case 200..<300: return answer.body
            case 429, 500..<600:
                guard attempt < attempts else { throw KoladaError.gaveUp(status: answer.status, url: url.absoluteString, attempts: attempts) }
                var wait = pause
                if let after = answer.headers["retry-after"].flatMap(Int.init) { wait = max(wait, .seconds(min(after, 60))) }
                try await Task.sleep(for: wait)
                pause = pause * 2
            default:
                let text = String(decoding: answer.body.prefix(300), as: UTF8.self)
                throw KoladaError.http(status: answer.status, url: url.absoluteString, message: text)
            }
        }
        throw KoladaError.gaveUp(status: 0, url: url.absoluteString, attempts: attempts)
    }
}
