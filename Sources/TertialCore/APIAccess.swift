/// What an integration's API token may do (issue 24, point 3). A token is made by an administrator for
/// one integration (the economy system, the personnel system, a data warehouse): it names what it may
/// do (scopes) and the units whose plans it may touch.
public enum APIScope: String, Vocabulary {
    /// Read municipalities, units and the plans of its units.
    case read
    /// Deliver outcomes and forecasts (the grid's values).
    case writeValues = "write:values"
    /// Report an activity's status for a period.
    case writeActivities = "write:activities"

    public var label: String {
        switch self {
        case .read: "Läsa planer"
        case .writeValues: "Leverera utfall och prognoser"
        case .writeActivities: "Rapportera aktiviteters status"
        }
    }

    /// "read write:values" → the scopes; an unknown word is refused (a typo must not quietly grant less).
    public static func parse(_ text: String) throws(APIGrant.Refused) -> Set<APIScope> {
        var result: Set<APIScope> = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
            guard let scope = APIScope(rawValue: String(word)) else { throw .unknownScope(String(word)) }
            result.insert(scope)
        }
        return result
    }
}

/// A token's grant: its scopes and the units it may touch (a unit and every unit below it).
public struct APIGrant: Sendable, Hashable {
    public enum Refused: Error, Sendable, Hashable, CustomStringConvertible {
        case unknownScope(String)
        case noScope
        case noName

        public var description: String {
            switch self {
            case .unknownScope(let word): "Behörigheten \"\(word.prefix(40))\" finns inte. Välj bland: \(APIScope.allowedValues)."
            case .noScope: "Välj minst en behörighet."
            case .noName: "Skriv integrationens namn, till exempel \"Ekonomisystemet\"."
            }
        }
    }

    public let name: String
    public let scopes: Set<APIScope>
    /// The units whose plans (and the plans of units below them) the token may touch; empty means every unit.
    public let unitIDs: [String]

    public init(name: String, scopes: Set<APIScope>, unitIDs: [String]) {
        self.name = name; self.scopes = scopes; self.unitIDs = unitIDs
    }

    /// May the token do `scope` on a plan owned by the unit at the head of `chain` (the unit and its ancestors)?
    public func allows(_ scope: APIScope, chain: [String]) -> Bool {
        scopes.contains(scope) && covers(chain: chain)
    }

    /// Is a plan owned by the unit at the head of `chain` among the token's units?
    public func covers(chain: [String]) -> Bool {
        unitIDs.isEmpty || chain.contains(where: unitIDs.contains)
    }
}
