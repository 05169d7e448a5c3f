import Foundation

/// The file formats a document is exported in.
public enum DocumentFormat: String, CaseIterable, Sendable {
    case docx, pdf, html, xlsx, csv

    public var fileExtension: String { self == .csv ? "csv.zip" : rawValue }

    public var mediaType: String {
        switch self {
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .pdf: "application/pdf"
        case .html: "text/html; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .csv: "application/zip"
        }
    }

    /// What the download menu calls it.
    public var label: String {
        switch self {
        case .docx: "Word (.docx)"
        case .pdf: "PDF"
        case .html: "Webbsida för utskrift (.html)"
        case .xlsx: "Excel (.xlsx), en flik per tabell"
        case .csv: "CSV, en fil per tabell (.zip)"
        }
    }

    /// The document in this format. PDF needs Chromium (`PDFPrinter`), and may throw `PDFPrinter.Failure`.
    public func render(_ document: Document) throws -> Data {
        switch self {
        case .docx: DOCXRenderer.render(document)
        case .html: Data(HTMLRenderer.render(document).utf8)
        case .xlsx: XLSXRenderer.render(document)
        case .csv: CSVRenderer.render(document)
        case .pdf: try PDFPrinter.print(HTMLRenderer.render(document))
        }
    }
}

/// Prints HTML to PDF with headless Chromium (A4, the page's own print stylesheet, no browser header
/// or footer), then blanks the creation and modification dates so the same page gives the same bytes.
/// Chromium is found as `TERTIAL_CHROMIUM`, or `chromium`, `chromium-browser`, `google-chrome` on PATH.
public enum PDFPrinter {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public static func chromium() -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TERTIAL_CHROMIUM"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
            for directory in path where FileManager.default.isExecutableFile(atPath: "\(directory)/\(name)") { return "\(directory)/\(name)" }
        }
        return nil
    }

    public static func print(_ html: String) throws -> Data {
        guard let browser = chromium() else {
            throw Failure(description: "PDF kräver Chromium, som inte hittades. Installera det (Debian/Ubuntu: apt-get install chromium) "
                          + "eller ange sökvägen i TERTIAL_CHROMIUM. Word, HTML och Excel fungerar utan.")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tertial-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("dokument.html"), output = directory.appendingPathComponent("dokument.pdf")
        try Data(html.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(directory.appendingPathComponent("profil").path)",
                             "--no-pdf-header-footer", "--generate-pdf-document-outline", "--run-all-compositor-stages-before-draw",
                             "--print-to-pdf=\(output.path)", input.absoluteString]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        try process.run()
        let messages = log.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let pdf = try? Data(contentsOf: output), pdf.count > 0 else {
            let tail = String(decoding: messages.suffix(600), as: UTF8.self)
            throw Failure(description: "Chromium (\(browser)) kunde inte skriva PDF (slutkod \(process.terminationStatus)): \(tail)")
        }
        return blankDates(pdf)
    }

    /// Replaces the digits of /CreationDate and /ModDate with a fixed date of the same length, so
    /// every cross-reference offset in the file stays right.
    static func blankDates(_ pdf: Data) -> Data {
        var bytes = [UInt8](pdf)
        for key in ["/CreationDate", "/ModDate"] {
            let pattern = Array(key.utf8)
            var i = 0
            while let found = find(pattern, in: bytes, from: i) {
                var j = found + pattern.count
                while j < bytes.count && bytes[j] != UInt8(ascii: "(") && bytes[j] != UInt8(ascii: "/") && j - found < 40 { j += 1 }
                guard j < bytes.count, bytes[j] == UInt8(ascii: "(") else { i = found + 1; continue }
                j += 1
                while j < bytes.count && bytes[j] != UInt8(ascii: ")") {
                    if (48...57).contains(bytes[j]) { bytes[j] = j % 2 == 0 ? 48 : 48 }
                    j += 1
                }
                i = j
            }
        }
        return Data(bytes)
    }

    static func find(_ pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard pattern.count <= bytes.count, start <= bytes.count - pattern.count else { return nil }
        var i = start
        while i <= bytes.count - pattern.count {
            if bytes[i] == pattern[0] && Array(bytes[i..<(i + pattern.count)]) == pattern { return i }
            i += 1
        }
        return nil
    }
}
