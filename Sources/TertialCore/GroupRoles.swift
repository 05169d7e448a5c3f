/// Sign-in through the municipality's identity provider (issue 24, point 1): an administrator maps the
/// provider's groups or app roles to Tertial's roles; a person's roles are what their groups map to at each
/// sign-in — a person who leaves a group loses what it gave.
public enum GroupGrant: Hashable, Sendable {
    /// A role on a unit (and every unit below it).
    case unit(String, UnitRole)
    case administrator
    case auditor

    public var label: String {
        switch self {
        case .unit(_, let role): role.label
        case .administrator: "Administratör"
        case .auditor: "Revisor"
        }
    }
}

/// One mapping: members of `group` get `grant`.
public struct GroupMapping: Hashable, Sendable {
    public let group: String
    public let grant: GroupGrant

    public init(group: String, grant: GroupGrant) { self.group = group; self.grant = grant }
}

/// What a person's groups give them.
public struct GrantedAccess: Hashable, Sendable {
    public var roles: [String: UnitRole] = [:]
    public var isAdministrator = false
    public var isAuditor = false

    public init(roles: [String: UnitRole] = [:], isAdministrator: Bool = false, isAuditor: Bool = false) {
        self.roles = roles; self.isAdministrator = isAdministrator; self.isAuditor = isAuditor
    }

    /// The strongest role per unit over every mapping whose group the person is in. Group names are compared
    /// exactly (Entra ID sends object ids, Keycloak paths like "/Mark/Socialnämnden"), after trimming.
    public static func from(groups: [String], mappings: [GroupMapping]) -> GrantedAccess {
        let member = Set(groups.map { $0.trimmingCharacters(in: .whitespaces) })
        var access = GrantedAccess()
        for mapping in mappings where member.contains(mapping.group) {
            switch mapping.grant {
            case .unit(let unit, let role): access.roles[unit] = max(role, access.roles[unit] ?? role)
            case .administrator: access.isAdministrator = true
            case .auditor: access.isAuditor = true
            }
        }
        return access
    }
}

/// Who may sign in with a local password (`TERTIAL_LOCAL_SIGN_IN`): everyone, only administrators (a
/// break-glass account when the identity provider is down), or no one.
public enum LocalSignIn: String, Sendable, CaseIterable {
    case on, administrators, off

    public func allows(isAdministrator: Bool) -> Bool {
        switch self {
        case .on: true
        case .administrators: isAdministrator
        case .off: false
        }
    }
}
