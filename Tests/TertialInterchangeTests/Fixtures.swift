import Foundation

/// The demo plans kept in the repository, read as files (tests do not depend on TertialStore's bundle).
enum Fixtures {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let demoDirectory = repositoryRoot.appendingPathComponent("Sources/TertialStore/Demo")
    static let demoFiles = ["linkoping-son-internbudget-2021.json", "soderkoping-sn-uppdragsplan-2020-2023.json", "mark-sn-namndplan-2024-2025.json"]

    static func data(_ name: String) throws -> Data { try Data(contentsOf: demoDirectory.appendingPathComponent(name)) }
    static var mark: Data { get throws { try data("mark-sn-namndplan-2024-2025.json") } }
    /// Mark's file with its text changed (for faults below the JSON parser).
    static func markText(_ change: (String) -> String) throws -> Data { Data(change(String(decoding: try mark, as: UTF8.self)).utf8) }

    /// The Mark plan as a mutable JSON tree, changed by `change` and serialised again.
    static func markChanged(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var tree = try JSONSerialization.jsonObject(with: try mark) as! [String: Any]
        change(&tree)
        return try JSONSerialization.data(withJSONObject: tree)
    }
}

import Testing
@testable import TertialInterchange

/// A file that must be refused with a problem at `path` whose message contains `message`.
func expectRefused(_ data: Data, at path: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try InterchangeCodec.decode(data)
        Issue.record("\(path) was accepted", sourceLocation: sourceLocation)
    } catch {
        #expect(error.problems.contains { $0.path == path && $0.message.contains(message) }, "\(error.problems)", sourceLocation: sourceLocation)
    }
}

/// Small helpers for editing nested JSON trees in tests.
extension Dictionary where Key == String, Value == Any {
    subscript(object key: String) -> [String: Any] {
        get { self[key] as! [String: Any] }
        set { self[key] = newValue }
    }
    subscript(array key: String) -> [Any] {
        get { self[key] as! [Any] }
        set { self[key] = newValue }
    }
    /// Edits element `index` of the array at `key`, which must hold objects.
    mutating func edit(_ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var list = self[array: key]
        var element = list[index] as! [String: Any]
        change(&element)
        list[index] = element
        self[key] = list
    }
}
