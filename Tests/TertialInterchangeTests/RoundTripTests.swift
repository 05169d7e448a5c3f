import Foundation
import Testing
@testable import TertialInterchange

@Suite struct RoundTripTests {
    @Test(arguments: Fixtures.demoFiles)
    func demoFilesAreCanonical(_ name: String) throws {
        // given a demo file
        let data = try Fixtures.data(name)
        // when it is read and written again
        let document = try InterchangeCodec.decode(data)
        // then the bytes are the same: the files are kept in the form export writes
        #expect(InterchangeCodec.encode(document) == data)
    }

    @Test func encodingIsDeterministic() throws {
        let document = try InterchangeCodec.decode(try Fixtures.mark)
        #expect(InterchangeCodec.encode(document) == InterchangeCodec.encode(document))
    }

    @Test func markHoldsThePrintedFamilyUnitRow() throws {
        let document = try InterchangeCodec.decode(try Fixtures.mark)
        let indicator = try #require(document.goals.flatMap(\.indicators).first { $0.name == "Handläggningstider vid familjeenheten (dagar)" })
        #expect(indicator.values.map(\.value) == ["118", "116", "108"])
        #expect(indicator.targets == ["2023": "≤108", "2024": "≤100", "2025": "≤100"])
    }
}
