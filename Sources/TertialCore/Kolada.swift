import Foundation

/// Whom a municipality compares itself with in Kolada.
public struct KoladaPeers: Sendable, Hashable {
    public var code: String
    public var name: String
    public var comparisons: [String]
    public var groupTitle: String?
    public var groupMembers: [String]
    public init(code: String, name: String, comparisons: [String], groupTitle: String?, groupMembers: [String]) {
        self.code = code; self.name = name; self.comparisons = comparisons; self.groupTitle = groupTitle; self.groupMembers = groupMembers
    }
}

/// A value of a Kolada KPI (total for women and men) for a municipality and year.
public struct KoladaValue: Sendable, Hashable {
    public var municipality: String
    public var year: Int
    public var value: Decimal
    public init(municipality: String, year: Int, value: Decimal) { self.municipality = municipality; self.year = year; self.value = value }
}

/// What a follow-up report compares through Kolada: the snapshot of values it is built from, and for
/// each indicator linked to a KPI, the values of the municipality and its peers.
public struct KoladaComparisons: Sendable, Hashable {
    public struct Item: Sendable, Hashable {
        public var kpi: String
        public var indicator: Indicator
        public var values: [KoladaValue]
        public init(kpi: String, indicator: Indicator, values: [KoladaValue]) { self.kpi = kpi; self.indicator = indicator; self.values = values }
    }
    public var snapshot: Int
    /// The day the snapshot was fetched, "2026-03-15".
    public var fetched: String
    public var peers: KoladaPeers
    /// Kolada's names of the municipalities, by code.
    public var names: [String: String]
    public var items: [Item]
    public init(snapshot: Int, fetched: String, peers: KoladaPeers, names: [String: String], items: [Item]) {
        self.snapshot = snapshot; self.fetched = fetched; self.peers = peers; self.names = names; self.items = items
    }
}
