import Foundation
import Vapor

/// Bounds how many documents are printed by Chromium at once (each print is a browser process
/// that takes a core for about a second). Requests beyond `slots` wait their turn in order, but
/// never longer than `maxWait`; when `maxWaiting` already wait, or the wait runs out, the request is
/// turned away (503 with Retry-After) rather than left to time out. No database connection is held
/// while waiting.
actor RenderQueue {
    struct Full: Error {}

    let slots: Int
    let maxWaiting: Int
    let maxWait: Duration
    private var running = 0
    private var waiting: [(id: Int, continuation: CheckedContinuation<Bool, Never>)] = []
    private var nextID = 0

    init(slots: Int, maxWaiting: Int, maxWait: Duration = .seconds(10)) {
        self.slots = slots
        self.maxWaiting = maxWaiting
        self.maxWait = maxWait
    }

    func run<T: Sendable>(_ work: @Sendable () async throws -> T) async throws -> T {
        if running >= slots {
            guard waiting.count < maxWaiting else { throw Full() }
            let id = nextID
            nextID += 1
            let wait = maxWait
            Task { [weak self] in
                try? await Task.sleep(for: wait)
                await self?.expire(id)
            }
            // true: the slot is handed over by `finish`; false: the wait ran out.
            let admitted = await withCheckedContinuation { waiting.append((id, $0)) }
            guard admitted else { throw Full() }
        } else {
            running += 1
        }
        defer { finish() }
        return try await work()
    }

    /// Printing now, and waiting.
    var load: (running: Int, waiting: Int) { (running, waiting.count) }

    private func expire(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(returning: false)
    }

    private func finish() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().continuation.resume(returning: true) }
    }

    /// PDF printing: as many at once as the machine has cores (at least one), and as many waiting as
    /// can be printed in about ten seconds.
    static let pdf = RenderQueue(slots: max(1, ProcessInfo.processInfo.activeProcessorCount),
                                 maxWaiting: 8 * max(1, ProcessInfo.processInfo.activeProcessorCount))
}

/// Threads for work that takes seconds of CPU or waits on another process: printing documents
/// (Chromium) and reading uploaded files. Not the application's thread pool: SQLite runs every query
/// there, and a few PDFs in print would otherwise hold every query of the site behind them.
struct WorkPoolKey: StorageKey { typealias Value = NIOThreadPool }

extension Application {
    var workPool: NIOThreadPool {
        guard let pool = storage[WorkPoolKey.self] else { fatalError("configure(_:) starts the work pool") }
        return pool
    }

    func startWorkPool() {
        guard storage[WorkPoolKey.self] == nil else { return }
        let pool = NIOThreadPool(numberOfThreads: max(2, ProcessInfo.processInfo.activeProcessorCount))
        pool.start()
        storage[WorkPoolKey.self] = pool
        lifecycle.use(WorkPoolShutdown(pool: pool))
    }
}

struct WorkPoolShutdown: LifecycleHandler {
    let pool: NIOThreadPool
    func shutdown(_ application: Application) { try? pool.syncShutdownGracefully() }
    func shutdownAsync(_ application: Application) async { try? await pool.shutdownGracefully() }
}

extension Request {
    /// Runs `work` on the work pool, off the event loops and the database's threads.
    func offload<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await application.workPool.runIfActive(eventLoop: eventLoop, work).get()
    }
}
