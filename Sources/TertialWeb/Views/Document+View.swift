import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `DocumentController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension DocumentController {
    /// The download menu: the plan in every format, and its follow-up reports for a chosen year.
    static func menu(planID: String, years: [Int], report: (kind: ReportKind, year: Int)? = nil) -> Node<HTML.BodyContext> {
        let formats = TertialDocuments.DocumentFormat.allCases
        return .details(.class("downloads"),
            .summary("Ladda ner"),
            .if(report == nil, .group(
                .p(.class("menu-heading"), "Planen som dokument"),
                .ul(.forEach(formats) { format in
                    .li(.a(.href("\(SiteURL.planDocument(id: planID).path)?format=\(format.rawValue)".attributeEscaped),
                           .if(format == .pdf, .data(named: "pdf", value: "1")), .text(format.label)))
                },
                .li(.a(.href(SiteURL.planExport(id: planID).path), .text("Utbytesformat (.json)"))))
            )),
            .unwrap(report) { chosen in .group(
                .p(.class("menu-heading"), .text("\(chosen.kind.title) \(chosen.year)")),
                .ul(.forEach(formats) { format in
                    .li(.a(.href("\(SiteURL.planReport(id: planID).path)?typ=\(chosen.kind.rawValue)&ar=\(chosen.year)&format=\(format.rawValue)".attributeEscaped),
                           .if(format == .pdf, .data(named: "pdf", value: "1")), .text(format.label)))
                }))
            },
            .form(.method(.get), .action(SiteURL.planReport(id: planID).path), .class("report-form"),
                .p(.class("menu-heading"), "Uppföljningsrapport"),
                Forms.select("typ", label: "Rapport", choices: ReportKind.allCases.map { ($0.rawValue, $0.title) }, chosen: report?.kind.rawValue ?? ReportKind.delar.rawValue),
                Forms.select("ar", label: "År", choices: years.map { (String($0), String($0)) }, chosen: String(report?.year ?? years.last ?? 0)),
                Forms.select("format", label: "Format", choices: formats.map { ($0.rawValue, $0.label) }, chosen: TertialDocuments.DocumentFormat.docx.rawValue),
                .button(.type(.submit), .text("Ladda ner rapporten"))),
            // Where the script says how a PDF is coming along (read out by screen readers).
            .p(.class("download-status"), .attribute(named: "role", value: "status"), .attribute(named: "aria-live", value: "polite")))
    }
}
