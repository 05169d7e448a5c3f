import Foundation

/// What a process keeps of things that never change under their key (an edition's frozen plan by its id,
/// a page's gzip bytes by its ETag): the most recently used, up to `limit` in all, each counted by `cost`
/// (1 for a count of entries, the size for bytes). An entry dearer than a quarter of the limit is not kept.
final class BoundedCache<Key: Hashable & Sendable, Value>: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private let cost: (Value) -> Int
    private var entries: [Key: (value: Value, cost: Int, used: UInt64)] = [:]
    private var total = 0
    private var clock: UInt64 = 0

    init(limit: Int, cost: @escaping (Value) -> Int = { _ in 1 }) {
        self.limit = limit
        self.cost = cost
    }

    func value(_ key: Key) -> Value? {
        lock.withLock {
            guard entries[key] != nil else { return nil }
            clock += 1
            entries[key]!.used = clock
            return entries[key]!.value
        }
    }

    func store(_ value: Value, for key: Key) {
        let price = cost(value)
        lock.withLock {
            guard price <= max(1, limit / 4), entries[key] == nil else { return }
            clock += 1
            entries[key] = (value, price, clock)
            total += price
            while total > limit, let oldest = entries.min(by: { $0.value.used < $1.value.used }) {
                total -= oldest.value.cost
                entries[oldest.key] = nil
            }
        }
    }
}
