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
        case .pdf: try PDFPrinter.print(document)
        }
    }
}

/// Prints HTML to PDF with headless Chromium (A4, the page's own print stylesheet, no browser header
/// or footer), then blanks the creation and modification dates so the same page gives the same bytes.
/// A document is printed twice: the first print tells on which page each section begins (the PDF's
/// named destinations), the second puts those numbers in the table of contents, in room the first
/// print already reserved, so nothing moves.
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

    public static func print(_ document: Document) throws -> Data {
        let first = try print(HTMLRenderer.render(document, pages: [:]))
        let pages = PDFDestinations.pages(in: first)
        guard !pages.isEmpty else { return first }
        return try print(HTMLRenderer.render(document, pages: pages))
    }

    /// How a page is printed: by the browser kept running (`WarmChromium`, the default), or — with
    /// `TERTIAL_PDF_RENDERER=process` — by a browser started for each print.
    public static var usesWarmBrowser: Bool { ProcessInfo.processInfo.environment["TERTIAL_PDF_RENDERER"] != "process" }

    public static func print(_ html: String) throws -> Data {
        guard let browser = chromium() else {
            throw Failure(description: "PDF kräver Chromium, som inte hittades. Installera det (Debian/Ubuntu: apt-get install chromium) "
                          + "eller ange sökvägen i TERTIAL_CHROMIUM. Word, HTML och Excel fungerar utan.")
        }
        if usesWarmBrowser {
            // A browser that failed is replaced, and the page tried once more in the new one.
            do { return blankDates(try WarmChromium.shared.print(html, chromium: browser)) }
            catch let first as WarmChromium.Failure {
                do { return blankDates(try WarmChromium.shared.print(html, chromium: browser)) }
                catch let again as WarmChromium.Failure {
                    throw Failure(description: "Chromium (\(browser)) kunde inte skriva PDF: \(again.description) (första försöket: \(first.description))")
                }
            }
        }
        return try printInOwnProcess(html, browser: browser)
    }

    static func printInOwnProcess(_ html: String, browser: String) throws -> Data {
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
                             // Print once layout has settled (virtual time runs until nothing is pending), also on a loaded machine.
                             "--virtual-time-budget=10000",
                             "--disable-background-networking", "--disable-extensions", "--disable-sync", "--mute-audio",
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
    /// every cross-reference offset in the file stays right; and renumbers the tagged structure's element
    /// ids (see `renumberNodeIDs`).
    static func blankDates(_ pdf: Data) -> Data {
        var bytes = renumberNodeIDs([UInt8](pdf))
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

    /// A tagged PDF names its structure elements after the browser's DOM nodes ("/ID (node00000089)"),
    /// whose numbers depend on how many nodes the browser made before (a browser kept running makes more
    /// with every print). The ids are renumbered 1, 2, 3, … in their own order — same length, so the
    /// offsets stay right, and the same order, so the ID tree stays sorted — and the same document gives
    /// the same bytes however many prints came before.
    static func renumberNodeIDs(_ input: [UInt8]) -> [UInt8] {
        let prefix = Array("(node".utf8)
        var bytes = input
        var positions: [(at: Int, value: Int)] = []
        var i = 0
        while let found = find(prefix, in: bytes, from: i) {
            let start = found + prefix.count
            var end = start
            while end < bytes.count, (48...57).contains(bytes[end]) { end += 1 }
            if end - start == 8, end < bytes.count, bytes[end] == UInt8(ascii: ")"),
               let value = Int(String(decoding: bytes[start..<end], as: UTF8.self)) {
                positions.append((start, value))
            }
            i = max(end, found + 1)
        }
        guard !positions.isEmpty else { return input }
        let order = Dictionary(uniqueKeysWithValues: Set(positions.map(\.value)).sorted().enumerated().map { ($0.element, $0.offset + 1) })
        for (at, value) in positions {
            let digits = Array(String(format: "%08d", order[value]!).utf8)
            bytes.replaceSubrange(at..<(at + 8), with: digits)
        }
        return bytes
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

/// Reads which page each named destination ("s1", "s2", … — the section anchors) of a PDF written by
/// Chromium is on: the catalog's /Dests dictionary gives a page object, the /Pages tree their order.
/// Chromium (Skia) writes these dictionaries as plain, uncompressed objects; anything else gives [:].
enum PDFDestinations {
    static func pages(in pdf: Data) -> [String: Int] {
        // Latin-1 maps every byte to one character, so binary streams cannot upset the search.
        guard let text = String(data: pdf, encoding: .isoLatin1) else { return [:] }
        func object(_ number: Int) -> Substring? {
            guard let start = text.range(of: "\n\(number) 0 obj\n") else { return nil }
            guard let end = text.range(of: "endobj", range: start.upperBound..<text.endIndex) else { return nil }
            return text[start.upperBound..<end.lowerBound]
        }
        func reference(after key: String, in body: Substring) -> Int? {
            guard let range = body.range(of: key + " ") else { return nil }
            return Int(body[range.upperBound...].prefix { $0.isNumber })
        }
        guard let catalog = text.range(of: "/Type /Catalog") else { return [:] }
        let catalogBody = text[catalog.lowerBound...].prefix(2000)
        guard let root = reference(after: "/Pages", in: catalogBody), let dests = reference(after: "/Dests", in: catalogBody),
              let destBody = object(dests) else { return [:] }
        // Page objects in reading order, walking the /Pages tree.
        var order: [Int] = []
        func walk(_ number: Int, depth: Int) {
            guard depth < 20, let body = object(number) else { return }
            if body.contains("/Type /Pages"), let kids = body.range(of: "/Kids [") {
                let list = body[kids.upperBound...].prefix { $0 != "]" }
                let numbers = list.split(separator: " ").enumerated().filter { $0.offset % 3 == 0 }.compactMap { Int($0.element) }
                for kid in numbers { walk(kid, depth: depth + 1) }
            } else {
                order.append(number)
            }
        }
        walk(root, depth: 0)
        let pageIndex = Dictionary(order.enumerated().map { ($0.element, $0.offset + 1) }, uniquingKeysWith: { a, _ in a })
        var result: [String: Int] = [:]
        for line in destBody.split(whereSeparator: { $0 == "\n" || $0 == "<" }) {
            // "/s12 [110 0 R /XYZ 0 660.41998 0]"
            let parts = line.split(separator: " ")
            guard parts.count >= 2, parts[0].hasPrefix("/"), parts[1].hasPrefix("["),
                  let page = Int(parts[1].dropFirst()), let index = pageIndex[page] else { continue }
            result[String(parts[0].dropFirst())] = index
        }
        return result
    }
}
