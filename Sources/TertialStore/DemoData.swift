import FluentKit
import Foundation
import TertialInterchange

/// The demo municipality: the three seed plans transcribed into interchange files
/// (`Sources/TertialStore/Demo/*.json`), loaded into a database that holds no municipality.
public enum DemoData {
    public static let fileNames = [
        "linkoping-son-internbudget-2021.json",
        "soderkoping-sn-uppdragsplan-2020-2023.json",
        "mark-sn-namndplan-2024-2025.json",
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
