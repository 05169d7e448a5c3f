/// Måluppfyllelse: how well a target or goal is met.
public enum Attainment: String, Vocabulary, Comparable {
    case met, partlyMet, notMet, notAssessable

    public var label: String {
        switch self {
        case .met: "Uppfyllt"
        case .partlyMet: "Delvis uppfyllt"
        case .notMet: "Ej uppfyllt"
        case .notAssessable: "Ej bedömbart"
        }
    }

    /// A symbol that carries the status without colour (shown together with the label).
    public var symbol: String {
        switch self {
        case .met: "●"
        case .partlyMet: "◐"
        case .notMet: "○"
        case .notAssessable: "–"
        }
    }

    /// Rank for "better than": met > partly met > not met. Not assessable sorts lowest but is
    /// never compared as an outcome (it means there was nothing to compare).
    public var rank: Int {
        switch self {
        case .met: 3
        case .partlyMet: 2
        case .notMet: 1
        case .notAssessable: 0
        }
    }

    public static func < (lhs: Attainment, rhs: Attainment) -> Bool { lhs.rank < rhs.rank }
}
