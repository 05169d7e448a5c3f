import Foundation
import Plot
import TertialCore
import TertialDocuments

/// The public's pages: published editions (start page and chapters), open data, the accessibility
/// statement; and the planners' publishing page. Written for citizens: plain words, the decision and
/// the figures' date named at the top, every chart beside a table with the same figures.
enum PublicationPages {
    static func editionURL(_ edition: Edition, current: Bool = true) -> String {
        SiteURL.edition(planID: edition.planID, slug: edition.key.slug).path + (current ? "" : "?utgava=\(edition.number)")
    }

    static func chapterURL(_ edition: Edition, _ number: Int, current: Bool) -> String {
        SiteURL.editionChapter(planID: edition.planID, slug: edition.key.slug, chapter: number).path + (current ? "" : "?utgava=\(edition.number)")
    }

    static func day(_ date: Date) -> String { "\(Day(date))" }

    /// /publicerat: every current edition, by municipality and committee.
    static func index(_ editions: [Edition], context: PageContext) -> PageShell {
        let municipalities = PublicationController.municipalities(editions)
        return PageShell(title: "Publicerade planer och rapporter", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Publicerat", url: nil)],
                         context: context, description: "Nämndernas fastställda planer och godkända uppföljningar, att läsa på webben och ladda ner som öppna data.",
                         content: .div(.class("edition"),
            .h1("Publicerade planer och rapporter"),
            .p("Här finns nämndernas fastställda planer och godkända rapporter, så som de publicerades. Siffrorna finns också som ",
               .a(.href(SiteURL.openData.path), "öppna data"), "."),
            .if(municipalities.isEmpty, .p("Inget är publicerat ännu.")),
            .forEach(municipalities) { municipality in
                .section(.id("m-\(municipality.id)".attributeEscaped),
                    .h2(.text(municipality.name)),
                    .ul(.class("edition-list"), .forEach(municipality.editions) { edition in
                        .li(.a(.href(editionURL(edition).attributeEscaped), .text(edition.title)), .text(" – \(edition.committee). "),
                            .span(.class("hint"), .text("\(edition.decision). Publicerad \(day(edition.publishedAt)).")))
                    }))
            }))
    }

    /// An edition's start page: what it is and rests on, the summary (chart and table), the chapter menu, downloads.
    static func start(_ edition: Edition, plan: Plan, document: TertialDocuments.Document, summary: [(area: String, counts: [Attainment: Int])],
                      series: [Edition], base: String, context: PageContext) -> PageShell {
        let current = edition.replacedAt == nil
        let statuses: [Attainment] = [.met, .partlyMet, .notMet, .notAssessable]
        let chart = AreaStatusChart.svg(summary, id: "sammanfattning")
        return PageShell(title: edition.title, breadcrumbs: crumbs(edition, chapter: nil, current: current), context: context,
                         description: "\(edition.title), \(edition.committee), \(edition.municipalityName). \(edition.decision).",
                         content: .div(.class("edition"),
            .h1(.text(edition.title)),
            meta(edition, current: current, series: series),
            .section(.attribute(named: "aria-labelledby", value: "sammanfattning-rubrik"),
                .h2(.id("sammanfattning-rubrik"), "Så går det för målen"),
                .p(.text(edition.key.document == .plan
                    ? "Målen per målområde och hur de ser ut att nås, räknat från indikatorernas senaste värden mot årets målvärden. Mål som ännu saknar värden räknas som ej bedömda."
                    : "Målen per målområde och nämndens bedömning för \(edition.key.document.period(edition.key.year)?.label.lowercased() ?? String(edition.key.year)).")),
                .unwrap(chart) { svg in .element(named: "figure", nodes: [.class("status-chart"), .raw(svg),
                    .element(named: "figcaption", nodes: [.text("Diagrammet visar samma siffror som tabellen nedan.")])]) },
                scrollableTable(label: "Målen per målområde", .table(
                    .caption("Antal mål per målområde och status"),
                    .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Målområde"),
                               .forEach(statuses) { .th(.attribute(named: "scope", value: "col"), .class("n"), .text($0.label)) })),
                    .tbody(.forEach(summary) { row in
                        .tr(.th(.attribute(named: "scope", value: "row"), .text(row.area)),
                            .forEach(statuses) { .td(.class("n"), .text(String(row.counts[$0] ?? 0))) })
                    })))),
            menu(edition, document: document, current: current, chosen: nil),
            .section(.attribute(named: "aria-labelledby", value: "data-rubrik"),
                .h2(.id("data-rubrik"), "Siffrorna som öppna data"),
                .p("Utgåvans siffror att ladda ner, fritt att använda (", .a(.href(OpenData.licence), "CC0"), "). ",
                   .a(.href(SiteURL.openData.path + "#kolumner"), "Vad kolumnerna betyder"), "."),
                .ul(.class("downloads"), .forEach(OpenData.Dataset.allCases) { dataset in
                    .li(.text(dataset.title + ": "),
                        .a(.href((SiteURL.editionData(planID: edition.planID, slug: edition.key.slug, file: "\(dataset.rawValue).csv").path + (current ? "" : "?utgava=\(edition.number)")).attributeEscaped),
                           .text("CSV"), .span(.class("visually-hidden"), .text(" – \(dataset.title)"))),
                        .text(" · "),
                        .a(.href((SiteURL.editionData(planID: edition.planID, slug: edition.key.slug, file: "\(dataset.rawValue).json").path + (current ? "" : "?utgava=\(edition.number)")).attributeEscaped),
                           .text("JSON"), .span(.class("visually-hidden"), .text(" – \(dataset.title)"))))
                }))
        ))
    }

    /// One chapter: the plan's own section with its subsections, tables and charts.
    static func chapter(_ edition: Edition, document: TertialDocuments.Document, number: Int, context: PageContext) -> PageShell {
        let current = edition.replacedAt == nil
        let section = document.sections[number - 1]
        var body = ""
        var labels: [String: Int] = [:]
        // The chapter's title is the page's h1; its sections are h2, theirs h3 (no level skipped).
        func render(_ section: TertialDocuments.Section, level: Int, prefix: String) {
            if level > 1 { body += "<h\(min(level, 6))>\(prefix) \(section.title.attributeEscaped)</h\(min(level, 6))>\n" }
            for block in section.blocks {
                let html = HTMLRenderer.fragment(block)
                if case .table(let table) = block {
                    // Each scrolling region is named by its table's caption; two tables of one caption are told apart.
                    labels[table.caption, default: 0] += 1
                    let label = labels[table.caption]! == 1 ? table.caption : "\(table.caption) (\(labels[table.caption]!))"
                    body += "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"\(label.attributeEscaped)\">\(html)</div>\n"
                } else {
                    body += html
                }
            }
            for (index, child) in section.children.enumerated() { render(child, level: level + 1, prefix: "\(prefix).\(index + 1)") }
        }
        render(section, level: 1, prefix: String(number))
        return PageShell(title: "\(section.title) – \(edition.title)", breadcrumbs: crumbs(edition, chapter: section.title, current: current), context: context,
                         description: "Kapitel \(number), \(section.title), i \(edition.title) (\(edition.committee), \(edition.municipalityName)).",
                         content: .div(.class("edition"),
            .p(.class("edition-of"), .a(.href(editionURL(edition, current: current).attributeEscaped), .text(edition.title))),
            .h1(.text("\(number) \(section.title)")),
            meta(edition, current: current, series: []),
            .div(.class("chapter"), .raw(body)),
            .nav(.class("pager"), .attribute(named: "aria-label", value: "Föregående och nästa kapitel"),
                .if(number > 1, .a(.rel(.prev), .href(chapterURL(edition, number - 1, current: current).attributeEscaped),
                                   .text("← \(number - 1) \(number > 1 ? document.sections[number - 2].title : "")"))),
                .if(number < document.sections.count, .a(.rel(.next), .href(chapterURL(edition, number + 1, current: current).attributeEscaped),
                                                         .text("\(number + 1) \(number < document.sections.count ? document.sections[number].title : "") →")))),
            menu(edition, document: document, current: current, chosen: number)
        ))
    }

    static func crumbs(_ edition: Edition, chapter: String?, current: Bool) -> [Breadcrumb] {
        [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Publicerat", url: .published)]
            + (chapter == nil ? [Breadcrumb(title: edition.title, url: nil)]
                              : [Breadcrumb(title: edition.title, url: current ? .edition(planID: edition.planID, slug: edition.key.slug) : nil),
                                 Breadcrumb(title: chapter!, url: nil)])
    }

    /// What the edition is: decision, edition number, publication day and the figures' date; a replaced
    /// edition says so and links to the newer one.
    static func meta(_ edition: Edition, current: Bool, series: [Edition]) -> Node<HTML.BodyContext> {
        .div(.class("edition-meta"),
            .p(.strong(.text(edition.decision)), .text(". \(edition.committee), \(edition.municipalityName).")),
            .p(.text("Utgåva \(edition.number), publicerad \(day(edition.publishedAt)). Siffrorna är hämtade \(day(edition.publishedAt))"
                     + (edition.planVersion.map { " ur planversion \($0)" } ?? "") + ".")),
            .unwrap(edition.replacedAt) { replaced in
                .p(.class("notice"), .attribute(named: "role", value: "note"),
                   .text("Den här utgåvan ersattes \(day(replaced)). "), .a(.href(editionURL(edition).attributeEscaped), "Läs den senaste utgåvan"), ".")
            },
            .if(series.count > 1, .details(.summary("Alla utgåvor (\(series.count))"),
                .ul(.forEach(series.reversed()) { other in
                    .li(.a(.href(editionURL(other, current: other.replacedAt == nil).attributeEscaped), .text("Utgåva \(other.number)")),
                        .text(", publicerad \(day(other.publishedAt))" + (other.replacedAt.map { ", ersatt \(day($0))" } ?? " (gällande)")))
                }))))
    }

    static func menu(_ edition: Edition, document: TertialDocuments.Document, current: Bool, chosen: Int?) -> Node<HTML.BodyContext> {
        .nav(.class("chapter-menu"), .attribute(named: "aria-labelledby", value: "kapitel-rubrik"),
            .h2(.id("kapitel-rubrik"), "Innehåll"),
            .ol(.forEach(Array(document.sections.enumerated())) { index, section in
                .li(index + 1 == chosen
                    ? .span(.attribute(named: "aria-current", value: "page"), .text(section.title))
                    : .a(.href(chapterURL(edition, index + 1, current: current).attributeEscaped), .text(section.title)))
            }))
    }

    /// /oppna-data: the datasets per municipality, the columns explained, the licence and the catalogue.
    static func openData(municipalities: [(id: String, name: String, editions: [Edition])], context: PageContext) -> PageShell {
        PageShell(title: "Öppna data", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Öppna data", url: nil)], context: context,
                  description: "Mål, indikatorer, utfall, budget och aktiviteter ur nämndernas publicerade planer och rapporter som CSV och JSON.",
                  content: .div(.class("edition"),
            .h1("Öppna data"),
            .p("Siffrorna i de publicerade planerna och rapporterna finns att ladda ner som CSV och JSON. De är fria att använda för alla ändamål: ",
               .a(.href(OpenData.licence), .text(OpenData.licenceName)), ". Adresserna ändras inte; en ny utgåva ersätter innehållet."),
            .p("Katalog för dataportaler (DCAT-AP-SE): ", .a(.href(SiteURL.dataCatalogue.path), .text("katalog.rdf")), "."),
            .if(municipalities.isEmpty, .p("Inget är publicerat ännu.")),
            .forEach(municipalities) { municipality in
                .section(.h2(.text(municipality.name)),
                    .p("Varje plans senast publicerade utgåva. Kolumnen utgava säger vilken."),
                    .ul(.class("downloads"), .forEach(OpenData.Dataset.allCases) { dataset in
                        .li(.text(dataset.title + ": "),
                            .a(.href(SiteURL.openDataFile(municipalityID: municipality.id, file: "\(dataset.rawValue).csv").path.attributeEscaped), .text("CSV"),
                               .span(.class("visually-hidden"), .text(" – \(dataset.title), \(municipality.name)"))),
                            .text(" · "),
                            .a(.href(SiteURL.openDataFile(municipalityID: municipality.id, file: "\(dataset.rawValue).json").path.attributeEscaped), .text("JSON"),
                               .span(.class("visually-hidden"), .text(" – \(dataset.title), \(municipality.name)"))))
                    }))
            },
            .section(.id("kolumner"), .h2("Kolumnerna"),
                .p(.text("CSV-filerna är UTF-8 med komma mellan fälten och punkt som decimaltecken; tal har inga tusentalsavgränsare. "
                   + "JSON-filerna är en lista med ett objekt per rad; tomma värden är null.")),
                .forEach(OpenData.Dataset.allCases) { dataset in
                    .group(.h3(.text("\(dataset.title) (\(dataset.rawValue))")), .p(.text(dataset.description)),
                           scrollableTable(label: "Kolumner i \(dataset.title)", .table(.caption(.text("Kolumner i \(dataset.rawValue)")),
                               .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Kolumn"), .th(.attribute(named: "scope", value: "col"), "Betydelse"))),
                               .tbody(.forEach(dataset.columns) { column in .tr(.td(.code(.text(column.name))), .td(.text(column.description))) }))))
                })
        ))
    }

    /// Tillgänglighetsredogörelse, after DIGG's model.
    static func accessibility(context: PageContext) -> PageShell {
        let intro = "Kommunen står bakom den här webbplatsen för planering och uppföljning. Vi vill att så många som möjligt ska kunna använda den. "
            + "Här beskriver vi hur webbplatsen uppfyller lagen (2018:1937) om tillgänglighet till digital offentlig service, kända problem och hur du kan rapportera brister så att vi kan åtgärda dem."
        let status = "Webbplatsen är delvis förenlig med lagen om tillgänglighet till digital offentlig service, på grund av de brister som beskrivs nedan. "
            + "De publicerade planerna, rapporterna och de öppna data är gjorda för att uppfylla WCAG 2.1 nivå AA: de kan användas med bara tangentbord, "
            + "varje diagram har en tabell med samma siffror, och sidorna går att läsa på en smal skärm."
        let other = "Om du behöver innehåll från webbplatsen i ett annat format kan du kontakta kommunen. Planerna och rapporterna finns också som PDF och Word, och siffrorna som CSV och JSON."
        let report = "Vi strävar hela tiden efter att förbättra webbplatsens tillgänglighet. Om du upptäcker problem som inte är beskrivna på den här sidan, "
            + "eller om du anser att vi inte uppfyller lagens krav, kontakta kommunen (kommunens växel eller e-post till registrator) så att vi får veta att problemet finns."
        let supervision = "Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till digital offentlig service. "
            + "Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
        let tested = "Vi testar de publika sidorna automatiskt med axe (WCAG 2.1 AA och bästa praxis) vid varje ändring av programmet, och med tangentbord och smal skärm (390 bildpunkter). "
            + "De genererade PDF-filerna är taggade och har bokmärken för rubrikerna."
        let gaps: [String] = [
            "Arbetssidorna för planerare och rapportörer (inloggade sidor) har breda tabeller som på en liten skärm måste rullas i sidled.",
            "Diagrammen i Word-dokumenten är bilder med en textbeskrivning; siffrorna finns i tabellen intill.",
            "Äldre dokument som laddats upp som bilagor granskas inte av oss och kan sakna struktur.",
        ]
        let content: Node<HTML.BodyContext> = .div(.class("edition"),
            .h1("Tillgänglighetsredogörelse"),
            .p(.text(intro)),
            .h2("Hur tillgänglig är webbplatsen?"), .p(.text(status)),
            .h2("Vad kan du göra om du inte kan använda delar av webbplatsen?"), .p(.text(other)),
            .h2("Rapportera brister i webbplatsens tillgänglighet"), .p(.text(report)),
            .h2("Tillsyn"), .p(.text(supervision), .a(.href("https://www.digg.se/tdosanmalan"), "kontakta Digg och påtala det"), "."),
            .h2("Teknisk information om webbplatsens tillgänglighet"),
            .h3("Innehåll som inte är tillgängligt"), .ul(.forEach(gaps) { .li(.text($0)) }),
            .h2("Hur vi testat webbplatsen"), .p(.text(tested)),
            .p("Redogörelsen uppdaterades senast 2026-12-07."))
        return PageShell(title: "Tillgänglighetsredogörelse", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Tillgänglighet", url: nil)],
                         context: context, description: "Hur tillgänglig webbplatsen är, kända brister och hur du anmäler ett problem.", content: content)
    }

    /// The planners' page: publish the adopted plan, or a report with its approval; every edition so far.
    static func publishing(planID: String, title: String, years: [Int], adopted: Bool, editions: [Edition], form: PublicationController.PublishForm,
                           errors: [String], published: String?, context: PageContext) -> PageShell {
        let chosen = form.vad ?? "plan"
        return PageShell(title: "Publicering – \(title)", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: title, url: .plan(id: planID)),
                                                                       Breadcrumb(title: "Publicering", url: nil)], context: context, content: .div(
            .h1("Publicering"),
            .p(.text("Publicera \(title) för kommuninvånarna: en webbutgåva med sammanfattning och kapitel, och siffrorna som öppna data. "
                     + "En publicerad utgåva ändras aldrig; publicerar du igen blir det en ny utgåva som ersätter den förra.")),
            .unwrap(published) { .div(.class("notice"), .attribute(named: "role", value: "status"), .p(.text("Publicerat (\($0)). Utgåvan syns nu för alla."))) },
            Forms.errorSummary(errors),
            .if(!adopted, .p(.class("notice"), "Planen har ingen fastställd version ännu. Den kan publiceras när den är fastställd.")),
            .form(.method(.post), .action(SiteURL.planPublishing(id: planID).path.attributeEscaped), .class("stacked"),
                Forms.csrf(context),
                .fieldset(.element(named: "legend", text: "Vad ska publiceras?"),
                    .forEach(PublishedDocument.allCases) { radio($0, chosen: chosen) }),
                Forms.select("ar", label: "År (för rapporter)", choices: years.map { (String($0), String($0)) }, chosen: form.ar ?? String(years.last ?? 0)),
                .fieldset(.element(named: "legend", text: "Beslutet"),
                    .p(.class("hint"), "En rapport publiceras med beslutet som godkände den. För planen används beslutet som registrerades när den fastställdes; fyll i det som saknas där."),
                    Forms.field("organ", label: "Beslutande organ", value: form.organ ?? "", hint: "Till exempel Socialnämnden."),
                    Forms.field("datum", label: "Beslutsdatum", value: form.datum ?? "", hint: "ÅÅÅÅ-MM-DD"),
                    Forms.field("paragraf", label: "Paragraf", value: form.paragraf ?? "", hint: "Till exempel § 12.")),
                .button(.type(.submit), "Publicera")),
            .h2("Utgåvor"),
            .if(editions.isEmpty, .p("Inget är publicerat ännu.")),
            .if(!editions.isEmpty, scrollableTable(label: "Utgåvor", .table(.caption("Publicerade utgåvor"),
                .thead(.tr(Forms.columnHeading("Utgåva"), Forms.columnHeading("Beslut"), Forms.columnHeading("Publicerad"), Forms.columnHeading("Av"), Forms.columnHeading("Läge"))),
                .tbody(.forEach(editions.reversed()) { edition in
                    .tr(.td(.a(.href(PublicationPages.editionURL(edition, current: edition.replacedAt == nil).attributeEscaped), .text("\(edition.key.document.title) \(edition.key.document == .plan ? "" : String(edition.key.year)) nr \(edition.number)"))),
                        .td(.text(edition.decision)), .td(.text(SwedishDate.dateTime(edition.publishedAt))), .td(.text(edition.publishedBy)),
                        .td(.text(edition.replacedAt.map { "Ersatt \(Day($0))" } ?? "Gällande")))
                }))))
        ))
    }
}

extension PublicationPages {
    static func radio(_ kind: PublishedDocument, chosen: String) -> Node<HTML.FormContext> {
        let id = "vad-\(kind.rawValue)"
        let label = kind == .plan ? "Den fastställda planen" : kind.title
        let input: Node<HTML.FormContext> = kind.rawValue == chosen
            ? .input(.type(.radio), .name("vad"), .id(id), .value(kind.rawValue), .attribute(named: "checked", value: "checked"))
            : .input(.type(.radio), .name("vad"), .id(id), .value(kind.rawValue))
        return .div(.class("radio"), input, .label(.for(id), .text(label)))
    }
}

/// The machine-read files of publication: sitemap, robots.txt and the DCAT-AP-SE catalogue (RDF/XML).
enum PublicationFeeds {
    static func sitemap(base: String, editions: [Edition], chapters: [UUID: Int]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        func url(_ path: String, _ date: Date?) {
            out += "<url><loc>\((base + path).attributeEscaped)</loc>" + (date.map { "<lastmod>\(Day($0))</lastmod>" } ?? "") + "</url>\n"
        }
        url(SiteURL.published.path, editions.map(\.publishedAt).max())
        url(SiteURL.openData.path, editions.map(\.publishedAt).max())
        url(SiteURL.accessibility.path, nil)
        for edition in editions {
            url(SiteURL.edition(planID: edition.planID, slug: edition.key.slug).path, edition.publishedAt)
            for chapter in 1...max(1, chapters[edition.id] ?? 0) where (chapters[edition.id] ?? 0) > 0 {
                url(SiteURL.editionChapter(planID: edition.planID, slug: edition.key.slug, chapter: chapter).path, edition.publishedAt)
            }
        }
        return out + "</urlset>\n"
    }

    static func robots(base: String) -> String {
        "User-agent: *\nDisallow: /admin/\nDisallow: /granskning\nDisallow: /api/\nDisallow: /kalender/\nSitemap: \(base)\(SiteURL.sitemap.path)\n"
    }

    /// DCAT-AP-SE: the catalogue, and per municipality and per current edition the three datasets, each with
    /// a CSV and a JSON distribution. Publisher: the municipality; licence CC0; language Swedish.
    static func dcat(base: String, municipalities: [(id: String, name: String, editions: [Edition])]) -> String {
        func x(_ s: String) -> String { s.attributeEscaped }
        let licence = OpenData.licence
        let modified = municipalities.flatMap(\.editions).map(\.publishedAt).max().map { "\(Day($0))" }
        var datasets: [String] = []
        var body = ""
        func agent(_ id: String, _ name: String) -> String {
            "<dcterms:publisher><foaf:Agent rdf:about=\"\(x(base))/oppna-data#\(x(id))\"><foaf:name xml:lang=\"sv\">\(x(name))</foaf:name>"
                + "<dcterms:type rdf:resource=\"http://purl.org/adms/publishertype/LocalAuthority\"/></foaf:Agent></dcterms:publisher>"
        }
        func dataset(about: String, title: String, description: String, keywords: [String], publisherID: String, publisherName: String,
                     page: String, files: String, date: Date?) {
            datasets.append(about)
            body += "<dcat:Dataset rdf:about=\"\(x(about))\">"
            body += "<dcterms:title xml:lang=\"sv\">\(x(title))</dcterms:title><dcterms:description xml:lang=\"sv\">\(x(description))</dcterms:description>"
            body += keywords.map { "<dcat:keyword xml:lang=\"sv\">\(x($0))</dcat:keyword>" }.joined()
            body += agent(publisherID, publisherName)
            body += "<dcat:contactPoint><vcard:Organization><vcard:fn>\(x(publisherName))</vcard:fn><vcard:hasURL rdf:resource=\"\(x(base + SiteURL.accessibility.path))\"/></vcard:Organization></dcat:contactPoint>"
            body += "<dcat:theme rdf:resource=\"http://publications.europa.eu/resource/authority/data-theme/GOVE\"/>"
            body += "<dcterms:language rdf:resource=\"http://publications.europa.eu/resource/authority/language/SWE\"/>"
            body += "<dcterms:accessRights rdf:resource=\"http://publications.europa.eu/resource/authority/access-right/PUBLIC\"/>"
            body += "<dcat:landingPage rdf:resource=\"\(x(page))\"/>"
            if let date { body += "<dcterms:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">\(Day(date))</dcterms:modified>" }
            for (format, media, fileType) in [("csv", "text/csv", "CSV"), ("json", "application/json", "JSON")] {
                let url = "\(files).\(format)"
                body += "<dcat:distribution><dcat:Distribution rdf:about=\"\(x(url))\">"
                body += "<dcterms:title xml:lang=\"sv\">\(x(title)) (\(format.uppercased()))</dcterms:title>"
                body += "<dcat:accessURL rdf:resource=\"\(x(url))\"/><dcat:downloadURL rdf:resource=\"\(x(url))\"/>"
                body += "<dcat:mediaType rdf:resource=\"http://www.iana.org/assignments/media-types/\(media)\"/>"
                body += "<dcterms:format rdf:resource=\"http://publications.europa.eu/resource/authority/file-type/\(fileType)\"/>"
                body += "<dcterms:license rdf:resource=\"\(licence)\"/>"
                body += "</dcat:Distribution></dcat:distribution>"
            }
            body += "</dcat:Dataset>\n"
        }
        for municipality in municipalities {
            for set in OpenData.Dataset.allCases {
                dataset(about: "\(base)/oppna-data/\(municipality.id)/\(set.rawValue)", title: "\(set.title), \(municipality.name)",
                        description: "\(set.description) Varje plans senast publicerade utgåva i \(municipality.name).", keywords: set.keywords,
                        publisherID: municipality.id, publisherName: municipality.name, page: base + SiteURL.openData.path,
                        files: base + SiteURL.openDataFile(municipalityID: municipality.id, file: set.rawValue).path,
                        date: municipality.editions.map(\.publishedAt).max())
                for edition in municipality.editions {
                    dataset(about: "\(base)\(SiteURL.edition(planID: edition.planID, slug: edition.key.slug).path)/data/\(set.rawValue)",
                            title: "\(set.title), \(edition.title)", description: "\(set.description) Ur \(edition.title), \(edition.committee). \(edition.decision).",
                            keywords: set.keywords, publisherID: municipality.id, publisherName: municipality.name,
                            page: base + SiteURL.edition(planID: edition.planID, slug: edition.key.slug).path,
                            files: base + SiteURL.editionData(planID: edition.planID, slug: edition.key.slug, file: set.rawValue).path, date: edition.publishedAt)
                }
            }
        }
        let catalogue = "\(base)\(SiteURL.dataCatalogue.path)"
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#" \
        xmlns:dcterms="http://purl.org/dc/terms/" xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#">
        <dcat:Catalog rdf:about="\(x(catalogue))">
        <dcterms:title xml:lang="sv">Öppna data ur nämndernas planer och rapporter</dcterms:title>
        <dcterms:description xml:lang="sv">Mål, indikatorer, utfall, budget och aktiviteter ur de publicerade planerna och rapporterna, som CSV och JSON.</dcterms:description>
        <foaf:homepage rdf:resource="\(x(base + SiteURL.openData.path))"/>
        <dcterms:license rdf:resource="\(licence)"/>
        <dcterms:language rdf:resource="http://publications.europa.eu/resource/authority/language/SWE"/>

        """
        if let first = municipalities.first { out += agent(first.id, municipalities.count == 1 ? first.name : municipalities.map(\.name).joined(separator: ", ")) + "\n" }
        if let modified { out += "<dcterms:modified rdf:datatype=\"http://www.w3.org/2001/XMLSchema#date\">\(modified)</dcterms:modified>\n" }
        out += datasets.map { "<dcat:dataset rdf:resource=\"\(x($0))\"/>" }.joined(separator: "\n")
        out += "\n</dcat:Catalog>\n" + body + "</rdf:RDF>\n"
        return out
    }
}
