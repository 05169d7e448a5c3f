import Plot
import TertialCore
import TertialStore
import Vapor

/// The pages of `AccountsController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension AccountsController {
    static func checkbox(_ name: String, _ label: String, _ checked: Bool) -> Node<HTML.FormContext> {
        .div(.class("check"), .input(.type(.checkbox), .id("f-\(name)"), .name(name), .value("ja"), .checked(checked)),
             .label(.for("f-\(name)"), .text(" " + label)))
    }

    /// Every account, the municipalities' settings, and the form for a new account.
    static func listView(_ req: Request, accounts: [AccountModel], municipalities: [MunicipalityModel], form: CreateForm, errors: [String: String]) -> PageShell {
        PageShell(title: "Konton", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Konton", url: nil)],
                         context: req.pageContext, content: .div(
            .h1("Konton"),
            .table(.caption("Alla konton"),
                .thead(.tr(.forEach(["Användarnamn", "Namn", "Behörighet", "Status"]) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.forEach(accounts) { account in
                    .tr(.th(.attribute(named: "scope", value: "row"), .a(.href(SiteURL.account(id: account.id!.uuidString).path), .text(account.username))),
                        .td(.text(account.displayName)),
                        .td(.text([account.isAdministrator ? "Administratör" : nil, account.isAuditor ? "Revisor" : nil].compactMap { $0 }.joined(separator: ", "))),
                        .td(.text(account.disabled ? "Avstängt" : "Aktivt")))
                })),
            .ul(.li(.a(.href(SiteURL.groupMappings.path), .text("Inloggning och grupper (kommunens inloggning)"))),
                .li(.a(.href(SiteURL.apiTokens.path), .text("API-nycklar för integrationer")))),
            .h2("Kommuner"),
            .ul(.forEach(municipalities) { .li(.a(.href(SiteURL.municipality(id: $0.id!).path), .text("Inställningar för \($0.name)"))) }),
            .h2("Nytt konto"),
            Forms.errorSummary(errors.keys.sorted().compactMap { errors[$0] }),
            .form(.method(.post), .action(SiteURL.accounts.path),
                Forms.csrf(req.pageContext),
                Forms.field("username", label: "Användarnamn", value: form.username ?? "", error: errors["username"], required: true, autocomplete: "off"),
                Forms.field("displayName", label: "Namn", value: form.displayName ?? "", autocomplete: "off"),
                Forms.field("password", label: "Lösenord", type: .password, error: errors["password"], required: true, autocomplete: "new-password",
                            hint: "Minst \(minimumPasswordLength) tecken. Personen byter det vid behov via en administratör."),
                checkbox("administrator", "Administratör (får allt)", form.administrator != nil),
                checkbox("auditor", "Revisor (läser allt och granskningsloggen, ändrar inget)", form.auditor != nil),
                .button(.type(.submit), .class("primary"), .text("Skapa konto")))
        ))
    }

    /// One account: its roles per unit, a new password, disabling it.
    static func accountView(_ req: Request, account: AccountModel, roles: [RoleAssignmentModel], units: [OrgUnitModel], unitNames: [String: String], errors: [String: String]) -> PageShell {
        let path = SiteURL.account(id: account.id!.uuidString).path
        func actionForm(_ action: String, _ label: String, _ extra: Node<HTML.FormContext> = .empty) -> Node<HTML.BodyContext> {
            .form(.method(.post), .action(path), Forms.csrf(req.pageContext), .input(.type(.hidden), .name("action"), .value(action)), extra,
                  .button(.type(.submit), .text(label)))
        }
        return PageShell(title: "Konto \(account.username)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Konton", url: .accounts), Breadcrumb(title: account.username, url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("\(account.displayName) (\(account.username))")),
            .p(.text(account.disabled ? "Kontot är avstängt." : "Kontot är aktivt.")),
            Forms.errorSummary(errors.keys.sorted().compactMap { errors[$0] }),
            .h2("Roller"),
            .unwrap(account.externalIssuer) { issuer in
                .p(.class("notice"), .text("Personen loggar in via kommunens inloggning (\(issuer)). Rollerna och administratörs- och revisorsbehörigheten "
                                           + "sätts av grupperna vid varje inloggning (se Inloggning och grupper); en roll som ges här skrivs över då."))
            },
            .if(roles.isEmpty, .p("Inga roller ännu.")),
            .ul(.forEach(roles) { role in
                .li(.text("\(UnitRole(rawValue: role.role)?.label ?? role.role) på \(unitNames[role.unitID] ?? role.unitID) och enheterna under"))
            }),
            actionForm("role", "Spara roll", .group(
                Forms.select("unitID", label: "Enhet", choices: units.map { ($0.id!, unitNames[$0.id!] ?? $0.name) }, chosen: ""),
                Forms.select("role", label: "Roll", choices: UnitRole.allCases.map { ($0.rawValue, $0.label) } + [("", "Ingen roll (ta bort)")], chosen: UnitRole.reporter.rawValue))),
            .h2("Lösenord"),
            actionForm("password", "Sätt nytt lösenord",
                       Forms.field("password", label: "Nytt lösenord", type: .password, error: errors["password"], autocomplete: "new-password",
                                   hint: "Minst \(minimumPasswordLength) tecken. Personens inloggningar avslutas.")),
            .h2("Avstängning"),
            account.disabled ? actionForm("enable", "Aktivera kontot") : actionForm("disable", "Stäng av kontot")
        ))
    }
}
