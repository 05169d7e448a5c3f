import Foundation

/// Bounds how many documents are printed by Chromium at once (each print is a browser process
/// that takes a core for about a second). Requests beyond `slots` wait their turn in order; when
/// `maxWaiting` already wait, a request is turned away at once (503 with Retry-After) rather than
/// left to time out, and no database connection is held while waiting.
actor RenderQueue {
    struct Full: Error {}

    let slots: Int
    let maxWaiting: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(slots: Int, maxWaiting: Int) {
        self.slots = slots
        self.maxWaiting = maxWaiting
    }

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if running >= slots {
            guard waiting.count < maxWaiting else { throw Full() }
            await withCheckedContinuation { waiting.append($0) } // the slot is handed over by `finish`
        } else {
            running += 1
        }
        defer { finish() }
        return try await work()
    }

    private func finish() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }

    /// PDF printing: as many at once as the machine has cores (at least one), and up to 64 waiting.
    static let pdf = RenderQueue(slots: max(1, ProcessInfo.processInfo.activeProcessorCount), maxWaiting: 64)
}
