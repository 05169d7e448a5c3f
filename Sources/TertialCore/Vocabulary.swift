/// The closed vocabularies of the model. Raw values are the stable English names used in the
/// database and the interchange format; `label` is what the interface shows.
public protocol Vocabulary: RawRepresentable<String>, CaseIterable, Sendable, Hashable, Codable {
    var label: String { get }
}

public extension Vocabulary {
    /// All raw values, for error messages that list what is allowed.
    static var allowedValues: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Kinds of organisational unit. Municipalities may show other names (see `Municipality.unitKindLabels`).
public enum OrgUnitKind: String, Vocabulary {
    case council, board, committee, administration, department, unit
    public var label: String {
        switch self {
        case .council: "Kommunfullmäktige"
        case .board: "Kommunstyrelse"
        case .committee: "Nämnd"
        case .administration: "Förvaltning"
        case .department: "Avdelning"
        case .unit: "Enhet"
        }
    }
}

public enum PlanKind: String, Vocabulary {
    case committeePlan, internalBudget, missionPlan, operationalPlan, administrationBudget, unitPlan
    /// A committee's annual report (verksamhetsberättelse, årsbokslut): the year as followed up.
    case annualReport
    public var label: String {
        switch self {
        case .annualReport: "Verksamhetsberättelse"
        case .committeePlan: "Nämndplan"
        case .internalBudget: "Internbudget"
        case .missionPlan: "Uppdragsplan"
        case .operationalPlan: "Verksamhetsplan"
        case .administrationBudget: "Förvaltningsbudget"
        case .unitPlan: "Enhetsplan"
        }
    }
}

public enum PlanStatus: String, Vocabulary {
    case draft, proposal, adopted, superseded
    public var label: String {
        switch self {
        case .draft: "Utkast"
        case .proposal: "Förslag"
        case .adopted: "Fastställd"
        case .superseded: "Ersatt"
        }
    }
}

public enum GoalLevel: String, Vocabulary {
    case council, committee, administration, unit
    public var label: String {
        switch self {
        case .council: "Kommunövergripande mål"
        case .committee: "Nämndmål"
        case .administration: "Förvaltningsmål"
        case .unit: "Enhetsmål"
        }
    }
}

/// Which way is better for an indicator.
public enum Direction: String, Vocabulary {
    case increase, decrease, maintain, none
    public var label: String {
        switch self {
        case .increase: "Högre är bättre"
        case .decrease: "Lägre är bättre"
        case .maintain: "Bibehålla"
        case .none: "Ingen riktning"
        }
    }
}

public enum Gender: String, Vocabulary {
    case total, women, men
    public var label: String {
        switch self {
        case .total: "Totalt"
        case .women: "Kvinnor"
        case .men: "Män"
        }
    }
}

public enum ValueKind: String, Vocabulary {
    case outcome, forecast
    public var label: String {
        switch self {
        case .outcome: "Utfall"
        case .forecast: "Prognos"
        }
    }
}

public enum Frequency: String, Vocabulary {
    case month, tertial, halfYear, year
    public var label: String {
        switch self {
        case .month: "Månad"
        case .tertial: "Tertial"
        case .halfYear: "Halvår"
        case .year: "År"
        }
    }
}

public enum SourceKind: String, Vocabulary {
    case kolada, system, survey, manual
    public var label: String {
        switch self {
        case .kolada: "Kolada"
        case .system: "Verksamhetssystem"
        case .survey: "Enkät"
        case .manual: "Manuell"
        }
    }
}

/// A value cell that holds no number, and why.
public enum ValueMarker: String, Vocabulary {
    case noData, newMeasure, notApplicable
    public var label: String {
        switch self {
        case .noData: "i.u."
        case .newMeasure: "Nytt mått"
        case .notApplicable: "Ej aktuellt"
        }
    }

    /// Recognises a marker as people write it: "i.u", "i.u.", "iu", "Nytt mått", "ej aktuellt", "e.a.".
    public init?(printed text: String) {
        let key = text.lowercased().filter { !$0.isWhitespace && $0 != "." }
        switch key {
        case "iu", "ingenuppgift", "uppgiftsaknas": self = .noData
        case "nyttmått", "nyttmatt": self = .newMeasure
        case "ejaktuellt", "ea", "ejaktuell": self = .notApplicable
        default: return nil
        }
    }
}
