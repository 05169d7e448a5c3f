import FluentKit
import Foundation
import TertialInterchange

/// The demo municipality: the three seed plans transcribed into interchange files, and one unit plan
/// (`Sources/TertialStore/Demo/*.json`), loaded into a database that holds no municipality.
public enum DemoData {
    public static let fileNames = [
        "linkoping-son-internbudget-2021.json",
        "soderkoping-sn-uppdragsplan-2020-2023.json",
        "mark-sn-namndplan-2024-2025.json",
        // Not a seed: an illustrative unit plan under Mark's social committee, so that the demo shows
        // how a committee sees its units' goals, late activities and assignments (issue 11).
        "mark-familjeenheten-enhetsplan-2024.json",
    ]

    public static func sources() throws -> [PlanImporter.Source] {
        try fileNames.map { name in
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Demo") else {
                throw DemoMissing(name: name)
            }
            do {
                return PlanImporter.Source(name: name, document: try InterchangeCodec.decode(try Data(contentsOf: url)))
            } catch let error as InterchangeError {
                throw error.inFile(name)
            }
        }
    }

    /// Loads the demo plans when the database holds no municipality. Returns whether it did.
    @discardableResult
    public static func loadIfEmpty(on db: any Database) async throws -> Bool {
        guard try await MunicipalityModel.query(on: db).count() == 0 else { return false }
        try await PlanImporter.importDocuments(try sources(), into: db, by: .system("demo"))
        return true
    }

    public struct DemoMissing: Error, CustomStringConvertible {
        public let name: String
        public var description: String { "demofilen \(name) saknas bland programmets resurser" }
    }
}
