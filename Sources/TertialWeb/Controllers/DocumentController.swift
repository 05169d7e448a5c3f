import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// Plans and follow-up reports as documents to download (`?format=docx|pdf|html|xlsx|csv`), the same
/// files `tertial export --format …` writes. Downloads of plans that are not public are audited, as JSON exports are.
enum DocumentController {
    @Sendable static func plan(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let format = try chosenFormat(req)
        let version = req.query[Int.self, at: "version"]
        let planID = facts.plan.id!
        let adoptedOnly = version == nil && facts.isAdopted && !PlanController.mayReadWorkingVersion(req, facts)
        return try await respond(req, facts, format: format) {
            do {
                if adoptedOnly { return try await PlanDocuments.publicPlan(planID: planID, on: req.store) } // what the committee adopted
                return try await PlanDocuments.plan(planID: planID, version: version, on: req.store)
            } catch is PlanReads.NoSuchVersion {
                throw Abort(.notFound, reason: "Planen har ingen sådan version.")
            }
        }
    }

    @Sendable static func report(_ req: Request) async throws -> Response {
        let facts = try await PlanFacts.load(req)
        let format = try chosenFormat(req)
        guard let kind = req.query[String.self, at: "typ"].flatMap(ReportKind.init(rawValue:)) else {
            throw Abort(.badRequest, reason: "Ange rapport: tertial, delar eller helar.")
        }
        guard let year = req.query[Int.self, at: "ar"], (1900...2200).contains(year) else {
            throw Abort(.badRequest, reason: "Ange år för rapporten, t.ex. 2024.")
        }
        let planID = facts.plan.id!
        return try await respond(req, facts, format: format) { try await PlanDocuments.report(planID: planID, kind: kind, year: year, on: req.store) }
    }

    static func chosenFormat(_ req: Request) throws -> TertialDocuments.DocumentFormat {
        let name = req.query[String.self, at: "format"] ?? "docx"
        guard let format = TertialDocuments.DocumentFormat(rawValue: name) else {
            throw Abort(.badRequest, reason: "Okänt format \"\(name)\": välj docx, pdf, html, xlsx eller csv.")
        }
        return format
    }

    /// `load` builds the document. A PDF takes its place in the print queue first, so that a burst
    /// beyond the queue is turned away before any of it is read or built.
    static func respond(_ req: Request, _ facts: PlanFacts, format: TertialDocuments.DocumentFormat,
                        _ load: @escaping @Sendable () async throws -> TertialDocuments.Document) async throws -> Response {
        let document: TertialDocuments.Document, data: Data
        do {
            // Chromium takes about a second for a PDF: off the event loop, and a bounded number at once.
            let render: @Sendable () async throws -> (TertialDocuments.Document, Data) = {
                let document = try await load()
                return (document, try await req.offload { try format.render(document) })
            }
            (document, data) = format == .pdf ? try await RenderQueue.pdf.run(render) : try await render()
        } catch let failure as PDFPrinter.Failure {
            throw Abort(.serviceUnavailable, reason: failure.description)
        } catch is RenderQueue.Full {
            throw Abort(.serviceUnavailable, headers: ["Retry-After": "10"], reason: "Många dokument skrivs ut just nu. Försök igen om en liten stund.")
        }
        try await AuditLog.recordExport(of: facts.plan, as: "\(format.rawValue): \(document.cover.title)", by: req.actor, on: req.store)
        let name = PlanDocuments.fileName(document, format: format)
        let ascii = String(name.unicodeScalars.map { (c: Unicode.Scalar) -> Character in c.isASCII && c.value >= 0x20 && c.value != 0x7F && c != "\"" && c != "\\" ? Character(c) : "_" })
        // RFC 5987: UTF-8, percent-encoded except the unreserved characters.
        var unreserved = CharacterSet(charactersIn: "-._~")
        unreserved.insert(charactersIn: "a"..."z"); unreserved.insert(charactersIn: "A"..."Z"); unreserved.insert(charactersIn: "0"..."9")
        let encoded = name.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ascii
        return Response(status: .ok, headers: [
            "Content-Type": format.mediaType,
            // Always a download, HTML too: the page carries its own print stylesheet, which the site's
            // Content-Security-Policy (no inline styles) would block if it were shown in place.
            "Content-Disposition": "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
        ], body: .init(data: data))
    }
}
