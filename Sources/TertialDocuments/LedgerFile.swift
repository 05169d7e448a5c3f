import Foundation
import TertialCore

/// A ledger export as rows of cells, for `LedgerImport` (TertialStore) to read outcomes from.
public enum LedgerFile {
    /// Rows of the file: .xlsx (the first sheet with a Verksamhet column, else the first sheet) or CSV/text.
    public static func rows(_ data: Data, fileName: String) throws -> [[String]] {
        if data.starts(with: [0x50, 0x4b, 0x03, 0x04]) || fileName.lowercased().hasSuffix(".xlsx") {
            do {
                let ledger = try SpreadsheetReader.firstSheet(xlsx: data) { first in
                    first.contains { row in row.contains { $0.trimmingCharacters(in: .whitespaces).lowercased() == "verksamhet" } }
                }
                return ledger?.rows ?? []
            } catch {
                throw Ledger.Failure(file: fileName, problems: [.init(row: nil, column: nil, message: error.description)])
            }
        }
        func refuse(_ message: String) -> Ledger.Failure { Ledger.Failure(file: fileName, problems: [.init(row: nil, column: nil, message: message)]) }
        // As many rows as a sheet may have (the file's size is bounded by the upload limit).
        let lines = data.reduce(into: 0) { count, byte in if byte == 0x0A { count += 1 } }
        guard lines <= SpreadsheetReader.maxRows else { throw refuse("filen har fler än \(SwedishNumber.format(SpreadsheetReader.maxRows)) rader") }
        let text: String
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            // Excel's "Unicode-text" is UTF-16 with a byte-order mark.
            guard let utf16 = String(data: data, encoding: .utf16) else { throw refuse("filen börjar som UTF-16 men går inte att läsa som UTF-16") }
            text = utf16
        } else if data.contains(0) {
            throw refuse("filen har fel teckenkodning (den ser ut att vara UTF-16 utan byte-ordningsmärke): spara den som CSV UTF-8 eller som .xlsx")
        } else if let utf8 = String(data: data, encoding: .utf8) {
            text = utf8
        } else if let latin = String(data: data, encoding: .windowsCP1252) {
            // Excel's "CSV (semikolonavgränsad)" on older Windows is Windows-1252.
            text = latin
        } else {
            throw refuse("filen är varken UTF-8, UTF-16 eller Windows-1252")
        }
        if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }) {
            throw refuse("filen har fel teckenkodning eller är ingen textfil (den innehåller styrtecken): spara den som CSV UTF-8 eller som .xlsx")
        }
        return CSVText.rows(text)
    }
}
