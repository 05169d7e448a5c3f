import NIOConcurrencyHelpers
import Vapor

/// The plan page's main content, rendered once per plan revision and view, so that a read costs
/// the access check and one cheap query instead of loading, evaluating and rendering the plan.
/// Keyed by the plan's revision and the revision of everything outside plans: both are bumped in
/// the transaction of every audited write (`AuditLog.append`), so no write can leave a stale page.
/// What differs per visitor (navigation, CSRF token, buttons they may use) is part of the key or
/// stays outside the cached fragment.
final class PlanPageCache: Sendable {
    struct Key: Hashable {
        let planID: String
        let revision: Int64
        let globalRevision: Int64
        let publicView: Bool
        let reportValues: Bool
        let editPlan: Bool
        /// An anonymous visitor's page is the same for every anonymous visitor: the whole page is kept.
        let anonymous: Bool
    }

    /// The page's content (signed in), or the whole page as bytes ready to send (anonymous).
    enum Entry: Sendable {
        case fragment(String, municipalityName: String, ownerName: String)
        /// The whole page for visitors who are not signed in, with its ETag (made once, see `PublicCache`).
        case page(ByteBuffer, etag: String)
    }

    private let entries = NIOLockedValueBox<[Key: Entry]>([:])
    /// Unit id and global revision → the unit's chain (itself and its ancestors), for the access check.
    private let chains = NIOLockedValueBox<[String: (Int64, [String])]>([:])
    let capacity: Int

    init(capacity: Int = 256) { self.capacity = capacity }

    func value(_ key: Key) -> Entry? { entries.withLockedValue { $0[key] } }

    func chain(of unitID: String, globalRevision: Int64) -> [String]? {
        chains.withLockedValue { $0[unitID].flatMap { $0.0 == globalRevision ? $0.1 : nil } }
    }

    func storeChain(_ chain: [String], of unitID: String, globalRevision: Int64) {
        chains.withLockedValue { chains in
            if chains.count > 10_000 { chains.removeAll() }
            chains[unitID] = (globalRevision, chain)
        }
    }

    func store(_ html: Entry, for key: Key) {
        entries.withLockedValue { entries in
            // Older revisions of the same plan are dead: drop them; past capacity, start again.
            entries = entries.filter { $0.key.planID != key.planID || ($0.key.revision == key.revision && $0.key.globalRevision == key.globalRevision) }
            if entries.count >= capacity { entries.removeAll() }
            entries[key] = html
        }
    }

    var count: Int { entries.withLockedValue { $0.count } }
}

struct PlanPageCacheKey: StorageKey { typealias Value = PlanPageCache }

extension Application {
    var planPageCache: PlanPageCache {
        if let cache = storage[PlanPageCacheKey.self] { return cache }
        let cache = PlanPageCache()
        storage[PlanPageCacheKey.self] = cache
        return cache
    }
}
