import Foundation
import Plot
import TertialCore
import TertialStore
import Vapor

/// The page of `APITokensController`.
extension APITokensController {
    static func view(_ req: Request, tokens: [APITokenModel], catalogue: Catalogue, form: Form, errors: [Forms.Problem],
                     created: (name: String, secret: String)?) -> PageShell {
        let unitNames = Dictionary(catalogue.entries.flatMap(\.units).map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let now = Date()
        func state(_ token: APITokenModel) -> String {
            if let revoked = token.revokedAt { return "Återkallad \(SwedishDate.dateTime(revoked))" }
            if let expires = token.expiresAt, expires <= now { return "Har gått ut" }
            return "Gäller"
        }
        return PageShell(title: "API-nycklar", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Konton", url: .accounts),
                                                            Breadcrumb(title: "API-nycklar", url: nil)],
                         context: req.pageContext, content: .div(
            .h1("API-nycklar"),
            .p(.text("En nyckel per integration (ekonomisystemet, personalsystemet, ett datalager). Nyckeln skickas som "),
               .code("Authorization: Bearer …"), .text(" till "), .a(.href("/api/v1/openapi.json"), .text("API:et (OpenAPI-beskrivning)")),
               .text(". Allt en nyckel ändrar står i granskningsloggen under dess namn.")),
            .unwrap(created) { created in
                .div(.class("notice"), .attribute(named: "role", value: "status"), .id("ny-nyckel"),
                     .h2(.text("Nyckeln för \(created.name) är skapad")),
                     .p("Kopiera den nu. Den visas bara den här gången; Tertial sparar bara ett kontrollvärde."),
                     .p(.code(.id("nyckel"), .class("secret"), .text(created.secret))))
            },
            .if(req.query[String.self, at: "aterkallad"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Nyckeln är återkallad."))),
            .table(.caption("Nycklar"),
                .thead(.tr(.forEach(["Integration", "Början", "Behörigheter", "Enheter", "Skapad", "Gäller till", "Senast använd", "Status", ""]) { Forms.columnHeading($0) })),
                .tbody(.forEach(tokens) { token in
                    let grant = token.grant
                    return .tr(.th(.attribute(named: "scope", value: "row"), .text(token.name)),
                        .td(.code(.text(token.hint + "…"))),
                        .td(.text(APIScope.allCases.filter(grant.scopes.contains).map(\.rawValue).joined(separator: ", "))),
                        .td(.text(grant.unitIDs.isEmpty ? "Alla enheter" : grant.unitIDs.map { unitNames[$0] ?? $0 }.joined(separator: ", "))),
                        .td(.text("\(SwedishDate.dateTime(token.createdAt)) av \(token.createdBy)")),
                        .td(.text(token.expiresAt.map { Day($0.addingTimeInterval(-1)).description } ?? "Tills vidare")),
                        .td(.text(token.lastUsedAt.map(SwedishDate.dateTime) ?? "Aldrig")),
                        .td(.text(state(token))),
                        .td(.if(token.revokedAt == nil,
                                .form(.method(.post), .action(SiteURL.apiToken(id: token.id!.uuidString).path), Forms.csrf(req.pageContext),
                                      .button(.type(.submit), .attribute(named: "aria-label", value: "Återkalla nyckeln för \(token.name)"), .text("Återkalla"))))))
                })),
            .if(tokens.isEmpty, .p("Inga nycklar ännu.")),
            .h2("Ny nyckel"),
            Forms.errorSummary(problems: errors),
            .form(.method(.post), .action(SiteURL.apiTokens.path),
                Forms.csrf(req.pageContext),
                Forms.field("name", label: "Integration", value: form.name, error: nil, required: true, autocomplete: "off",
                            hint: "Vem som använder nyckeln, till exempel Ekonomisystemet. Ändringarna loggas under namnet."),
                .fieldset(.id("behorigheter"), .element(named: "legend", text: "Behörigheter"),
                    .forEach(APIScope.allCases) { scope in
                        .div(.class("check"), .input(.type(.checkbox), .id("f-scope-\(scope.rawValue.replacingOccurrences(of: ":", with: "-"))"),
                                                     .name("scope.\(scope.rawValue)"), .value("ja"), .checked(form.scopes.contains(scope))),
                             .label(.for("f-scope-\(scope.rawValue.replacingOccurrences(of: ":", with: "-"))"), .text(" \(scope.label) (\(scope.rawValue))")))
                    }),
                .fieldset(.id("enheter"), .element(named: "legend", text: "Enheter nyckeln får röra (och enheterna under dem)"),
                    .div(.class("check"), .input(.type(.checkbox), .id("f-allUnits"), .name("allUnits"), .value("ja"), .checked(form.allUnits)),
                         .label(.for("f-allUnits"), .text(" Alla enheter"))),
                    .forEach(catalogue.entries) { entry in
                        .group(.p(.strong(.text(entry.municipality.name))),
                               .forEach(entry.units) { unit in
                                   .div(.class("check"), .input(.type(.checkbox), .id("f-unit-\(unit.id!)"), .name("unit.\(unit.id!)"), .value("ja"),
                                                                .checked(form.units.contains(unit.id!))),
                                        .label(.for("f-unit-\(unit.id!)"), .text(" " + unit.name)))
                               })
                    }),
                Forms.field("expires", label: "Sista giltighetsdag", value: form.expires, type: .date, autocomplete: "off",
                            hint: "Förslaget är ett år. Tomt: nyckeln gäller tills den återkallas."),
                .button(.type(.submit), .class("primary"), .text("Skapa nyckel")))
        ))
    }
}
