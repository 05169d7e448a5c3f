import FluentKit
import Foundation
import Logging
import Synchronization
import Testing
import TertialInterchange
@testable import TertialStore
import TertialTestSupport

/// The plan page's read model must cost the same number of queries for a small and a large plan.
@Suite struct QueryCountTests {
    final class Counter: Sendable {
        let count = Mutex(0)
    }

    struct CountingHandler: LogHandler {
        let counter: Counter
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .debug
        subscript(metadataKey key: String) -> Logger.Metadata.Value? { get { metadata[key] } set { metadata[key] = newValue } }
        func log(event: LogEvent) {
            // SQLiteKit logs "Executing query" with the SQL in metadata; PostgresKit logs the SQL itself.
            let sql = event.metadata?["sql"].map { "\($0)" } ?? ""
            let text = (event.message.description + " " + sql).uppercased()
            if text.contains("SELECT") { counter.count.withLock { $0 += 1 } }
        }
    }

    func selects(forGoals goals: Int, indicators: Int) async throws -> Int {
        try await withStore { store in
            let plan = SyntheticPlan.make(goals: goals, indicatorsPerGoal: indicators)
            try await PlanImporter.importDocuments([.init(name: "syn.json", document: plan)], into: store.db, by: .system("test"))
            let counter = Counter()
            let db = store.database(logger: Logger(label: "count") { _ in CountingHandler(counter: counter) })
            let document = try await PlanExporter.document(planID: plan.plan.id, on: db)
            #expect(document.goals.count == goals + 1)
            return counter.count.withLock { $0 }
        }
    }

    @Test func planReadIsAFixedNumberOfQueries() async throws {
        let small = try await selects(forGoals: 2, indicators: 1)
        let large = try await selects(forGoals: 60, indicators: 5)
        #expect(small > 0)
        #expect(small == large)
        // 13 for goals and indicators, 3 for the economy (tables, frame transfers, follow-up), 1 each for the activity plan,
        // the text sections, the internal control and (issue 22) the goals' assessments
        #expect(large <= 20)
    }
}
