/// Who may do what. Roles are given per organisational unit and hold for that unit and every
/// unit below it; administrators may do everything; auditors read everything, including the
/// audit trail, and change nothing. Anonymous visitors read adopted, public plans only.
public enum UnitRole: String, Vocabulary, Comparable {
    case planner, reporter, reader

    public var label: String {
        switch self {
        case .planner: "Planerare"
        case .reporter: "Rapportör"
        case .reader: "Läsare"
        }
    }

    /// planner > reporter > reader: a planner may do what a reporter may, and more.
    var strength: Int { switch self { case .planner: 3; case .reporter: 2; case .reader: 1 } }
    public static func < (lhs: UnitRole, rhs: UnitRole) -> Bool { lhs.strength < rhs.strength }
}

/// The signed-in person as the rules see them.
public struct Principal: Sendable, Hashable {
    public let accountID: String
    public let username: String
    public let isAdministrator: Bool
    public let isAuditor: Bool
    /// Unit id → the strongest role given on that unit.
    public let roles: [String: UnitRole]

    public init(accountID: String, username: String, isAdministrator: Bool, isAuditor: Bool, roles: [String: UnitRole]) {
        self.accountID = accountID
        self.username = username
        self.isAdministrator = isAdministrator
        self.isAuditor = isAuditor
        self.roles = roles
    }

    /// The strongest role held on any unit of `chain` (a unit and its ancestors).
    public func role(on chain: [String]) -> UnitRole? {
        chain.compactMap { roles[$0] }.max()
    }
}

/// What a request wants to do, with the facts the rule needs.
public enum Action: Sendable, Hashable {
    /// Read a plan owned by the unit at the head of `chain` (chain = the unit and its ancestors).
    case readPlan(chain: [String], isPublic: Bool, isAdopted: Bool)
    /// Enter outcomes, forecasts, assessments and analysis.
    case reportValues(chain: [String])
    /// Change the plan: goals, indicators, targets, status.
    case editPlan(chain: [String])
    /// Manage accounts and roles.
    case administer
    /// Browse and download the audit trail.
    case audit
    /// Anything a signed-in person may do for themselves (sign out).
    case signedIn
    /// Open to everyone (start page, sign-in page, health check, style sheet).
    case everyone
}

public enum AccessPolicy {
    public static func allows(_ principal: Principal?, _ action: Action) -> Bool {
        switch action {
        case .everyone:
            return true
        case .readPlan(let chain, let isPublic, let isAdopted):
            if isPublic && isAdopted { return true }
            guard let principal else { return false }
            return principal.isAdministrator || principal.isAuditor || principal.role(on: chain) != nil
        case .reportValues(let chain):
            guard let principal else { return false }
            return principal.isAdministrator || (principal.role(on: chain).map { $0 >= .reporter } ?? false)
        case .editPlan(let chain):
            guard let principal else { return false }
            return principal.isAdministrator || principal.role(on: chain) == .planner
        case .administer:
            return principal?.isAdministrator == true
        case .audit:
            return principal?.isAdministrator == true || principal?.isAuditor == true
        case .signedIn:
            return principal != nil
        }
    }
}
