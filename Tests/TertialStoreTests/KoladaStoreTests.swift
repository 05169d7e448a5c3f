import FluentKit
import Foundation
import Testing
import TertialKolada
@testable import TertialStore
import TertialTestSupport

/// Kolada's values in the database (SQLite and PostgreSQL): a revised value is updated with its
/// earlier state kept, a deleted one marked deleted, and the values as of a snapshot are what they were.
@Suite struct KoladaStoreTests {
    static func row(_ m: String, _ year: Int, _ total: String?, deleted: Bool = false) -> KoladaDataRow {
        KoladaDataRow(kpi: "U21468", municipality: m, period: year, values: deleted ? [] : [.init(gender: "T", value: total.flatMap { Decimal(string: $0) })],
                      isDeleted: deleted)
    }

    @Test func revisionsAndDeletionsKeepTheHistoryAndASnapshotRebuildsAsItWas() async throws {
        try await withStore { store in
            let db = store.db
            let first = try await KoladaValues.startSnapshot(source: "test", arguments: "sync", on: db)
            let one = try await KoladaValues.apply([Self.row("0580", 2022, "81.5"), Self.row("0580", 2023, "82.1"), Self.row("0000", 2023, "83")], snapshot: first, on: db)
            try await KoladaValues.finish(snapshot: first, on: db)
            #expect(one.changed == 3 && one.deleted == 0)
            // the same rows again change nothing
            let same = try await KoladaValues.startSnapshot(source: "test", arguments: "sync", on: db)
            #expect(try await KoladaValues.apply([Self.row("0580", 2023, "82.1")], snapshot: same, on: db).changed == 0)
            // Kolada revises 2023 and deletes 2022, and a new year arrives
            let second = try await KoladaValues.startSnapshot(source: "test", arguments: "sync --since", on: db)
            let two = try await KoladaValues.apply([Self.row("0580", 2023, "84.0"), Self.row("0580", 2022, nil, deleted: true), Self.row("0580", 2024, "85")],
                                                   snapshot: second, on: db)
            #expect(two.changed == 3 && two.deleted == 1)
            let now = try await KoladaValues.values(kpi: "U21468", municipalities: ["0580"], on: db)
            #expect(now.map { "\($0.period):\($0.value.map { "\($0)" } ?? "-")" } == ["2023:84", "2024:85"])
            // as of the first snapshot: the deleted value is back, the revised one is as it was, the new year is not there
            let then = try await KoladaValues.values(kpi: "U21468", municipalities: ["0580"], asOf: first, on: db)
            #expect(then.map { "\($0.period):\($0.value.map { "\($0)" } ?? "-")" } == ["2022:81.5", "2023:82.1"])
            let versions = try await KoladaValueVersionModel.query(on: db).sort(\.$period).all()
            #expect(versions.map(\.period) == [2022, 2023] && versions.allSatisfy { $0.replacedBySnapshot == second })
            // a year first fetched in the second snapshot and revised in a third was not there at the first
            let third = try await KoladaValues.startSnapshot(source: "test", arguments: "sync --since", on: db)
            _ = try await KoladaValues.apply([Self.row("0580", 2024, "86")], snapshot: third, on: db)
            let atFirst = try await KoladaValues.values(kpi: "U21468", municipalities: ["0580"], asOf: first, on: db)
            #expect(atFirst.map(\.period) == [2022, 2023])
            let atSecond = try await KoladaValues.values(kpi: "U21468", municipalities: ["0580"], asOf: second, on: db)
            #expect(atSecond.map { "\($0.period):\($0.value.map { "\($0)" } ?? "-")" } == ["2023:84", "2024:85"])
        }
    }
}
