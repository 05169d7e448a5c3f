import Vapor

/// Every path of the site, used both to register routes and to build links, so a renamed
/// path cannot leave a dead link behind.
public enum SiteURL: Hashable, Sendable {
    case home
    case plan(id: String)
    case healthz
    case stylesheet

    public var path: String {
        switch self {
        case .home: "/"
        case .plan(let id): "/planer/\(id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id)"
        case .healthz: "/healthz"
        case .stylesheet: "/tertial.css"
        }
    }

    /// Route components for registration; parameters are named after the case.
    var routeComponents: [PathComponent] {
        switch self {
        case .home: []
        case .plan: ["planer", ":planID"]
        case .healthz: ["healthz"]
        case .stylesheet: ["tertial.css"]
        }
    }

    /// One representative of each case, for registering routes.
    static let routable: [SiteURL] = [.home, .plan(id: ""), .healthz, .stylesheet]
}
