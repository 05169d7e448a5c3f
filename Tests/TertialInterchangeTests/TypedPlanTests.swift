import Foundation
import Testing
import TertialCore
@testable import TertialInterchange

/// The adapter between the interchange format and TertialCore's `Plan`: every demo plan and every
/// exported golden plan reads into the typed plan and is written back byte for byte.
@Suite struct TypedPlanTests {
    static let goldenPlans: [String] = {
        let root = Fixtures.repositoryRoot.appendingPathComponent("tests/golden")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        // one folder per plan (CHANGES.md beside them says what was re-recorded and why)
        return names.sorted().map { root.appendingPathComponent($0).appendingPathComponent("plan.json").path }
            .filter { FileManager.default.fileExists(atPath: $0) }
    }()

    @Test(arguments: Fixtures.demoFiles)
    func demoPlansReadIntoTheTypedPlanAndBack(_ name: String) throws {
        // given a demo file
        let data = try Fixtures.data(name)
        // when it is read into the typed plan and written again
        let plan = try InterchangeCodec.decode(data).typed()
        // then the bytes are the same
        #expect(String(decoding: InterchangeCodec.encode(PlanDocument(plan)), as: UTF8.self) == String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: goldenPlans)
    func exportedPlansReadIntoTheTypedPlanAndBack(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let plan = try InterchangeCodec.decode(data).typed()
        #expect(InterchangeCodec.encode(PlanDocument(plan)) == data)
    }

    @Test func aTargetIsParsedOnceWhereItEnters() throws {
        // given Mark's family-unit indicator (targets "≤108", "≤100", "≤100")
        let plan = try InterchangeCodec.decode(try Fixtures.mark).typed()
        let indicator = try #require(plan.goals.flatMap(\.indicators).first { $0.name == "Handläggningstider vid familjeenheten (dagar)" })
        // then its targets are keyed by year and carry their parsed form and their text as written
        #expect(indicator.targets.keys.sorted() == [2023, 2024, 2025])
        #expect(indicator.targets[2024]?.text == "≤100")
        #expect(indicator.targets[2024]?.form == .comparison(.atMost, 100))
        #expect(indicator.values.map(\.value.text) == ["118", "116", "108"])
    }

    @Test func aDocumentWithProblemsIsNoPlan() throws {
        // given Mark's file with a target that is no number
        let data = try Fixtures.markText { $0.replacingOccurrences(of: "\"≤108\"", with: "\"≤ 1O8\"") }
        let document = try JSONDecoder().decode(PlanDocument.self, from: data)
        // when it is read
        // then there is no plan, and the problem names the target's place
        #expect(throws: InterchangeError.self) { try document.typed() }
        let (plan, problems) = PlanValidator.read(document)
        #expect(plan == nil)
        #expect(problems.contains { $0.path.contains("targets") && $0.path.contains("2023") })
    }
}
