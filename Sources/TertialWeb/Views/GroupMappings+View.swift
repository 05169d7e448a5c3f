import Foundation
import Plot
import TertialCore
import TertialStore
import Vapor

/// The page of `GroupMappingsController`: HTML only.
extension GroupMappingsController {
    static func view(_ req: Request, mappings: [GroupMappingModel], catalogue: Catalogue, group: String, errors: [Forms.Problem]) -> PageShell {
        let unitNames = Dictionary(catalogue.entries.flatMap(\.units).map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let settings = req.application.oidc?.settings
        return PageShell(title: "Inloggning och grupper", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Konton", url: .accounts),
                                                                          Breadcrumb(title: "Inloggning och grupper", url: nil)],
                         context: req.pageContext, content: .div(
            .h1("Inloggning och grupper"),
            .unwrap(settings, { settings in
                .p(.text("Kommunens inloggning: \(settings.issuer). Användarnamnet läses ur anspråket \(settings.usernameClaim), grupperna ur \(settings.groupsClaim). "
                         + "En person får rollerna som hennes grupper ger vid varje inloggning; den som lämnar en grupp förlorar rollen vid nästa inloggning."))
            }, else: .p(.text("Kommunens inloggning är inte inställd (TERTIAL_OIDC_ISSUER och TERTIAL_OIDC_CLIENT_ID). Kopplingarna används när den är det."))),
            .p(.text("Inloggning med lösenord: " + {
                switch req.application.localSignIn {
                case .on: "på för alla lokala konton."
                case .administrators: "bara för lokala administratörer (reservinloggning)."
                case .off: "avstängd."
                }
            }())),
            .if(req.query[String.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Kopplingen är sparad."))),
            .if(req.query[String.self, at: "borttagen"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Kopplingen är borttagen."))),
            .table(.caption("Grupper och roller"),
                .thead(.tr(.forEach(["Grupp", "Ger", "Enhet", "Tillagd", ""]) { Forms.columnHeading($0) })),
                .tbody(.forEach(mappings) { mapping in
                    .tr(.th(.attribute(named: "scope", value: "row"), .code(.text(mapping.group))),
                        .td(.text(mapping.mapping?.grant.label ?? mapping.grant)),
                        .td(.text(mapping.unitID.map { (unitNames[$0] ?? $0) + " och enheterna under" } ?? "Hela Tertial")),
                        .td(.text("\(SwedishDate.dateTime(mapping.createdAt)) av \(mapping.createdBy)")),
                        .td(.form(.method(.post), .action(SiteURL.groupMapping(id: mapping.id!.uuidString).path), Forms.csrf(req.pageContext),
                                  .button(.type(.submit), .attribute(named: "aria-label", value: "Ta bort kopplingen för \(mapping.group)"), .text("Ta bort")))))
                })),
            .if(mappings.isEmpty, .p("Inga kopplingar ännu: den som loggar in via kommunens inloggning får ingen roll förrän en grupp kopplas.")),
            .h2("Ny koppling"),
            Forms.errorSummary(problems: errors),
            .form(.method(.post), .action(SiteURL.groupMappings.path),
                Forms.csrf(req.pageContext),
                Forms.field("group", label: "Grupp", value: group, required: true, autocomplete: "off",
                            hint: "Som inloggningen skickar den: i Entra ID gruppens objekt-id (eller approllens värde), i Keycloak gruppens sökväg, till exempel /Mark/Socialnämnden."),
                Forms.select("grant", label: "Roll", choices: UnitRole.allCases.map { ($0.rawValue, $0.label) } + [("administrator", "Administratör (hela Tertial)"), ("auditor", "Revisor (hela Tertial)")],
                             chosen: UnitRole.planner.rawValue),
                Forms.select("unit", label: "Enhet (för planerare, rapportör och läsare)",
                             choices: [("", "Välj enhet")] + catalogue.entries.flatMap { entry in entry.units.map { ($0.id!, "\(entry.municipality.name): \($0.name)") } },
                             chosen: ""),
                .button(.type(.submit), .class("primary"), .text("Lägg till koppling")))
        ))
    }
}
