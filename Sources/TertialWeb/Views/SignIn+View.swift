import TertialCore
import Plot
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `SignInController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension SignInController {
    static func page(_ req: Request, username: String, returnTo: String, error: String?) -> PageShell {
        PageShell(title: "Logga in", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Logga in", url: nil)],
                  context: req.pageContext, content: .div(
            .h1("Logga in"),
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .unwrap(req.application.oidc) { provider in
                .p(.a(.class("button primary"), .id("kommunens-inloggning"),
                      .href((SiteURL.signInExternal.path + "?till=" + (returnTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/")).attributeEscaped),
                      .text(provider.settings.buttonLabel)))
            },
            .if(req.application.localSignIn != .off, localForm(req, username: username, returnTo: returnTo))
        ))
    }

    static func localForm(_ req: Request, username: String, returnTo: String) -> Node<HTML.BodyContext> {
        let form: Node<HTML.BodyContext> = .form(.method(.post), .action(SiteURL.signIn.path),
            Forms.csrf(req.pageContext),
            .input(.type(.hidden), .name("till"), .value(returnTo.attributeEscaped)),
            Forms.field("username", label: "Användarnamn", value: username, required: true, autocomplete: "username"),
            Forms.field("password", label: "Lösenord", type: .password, required: true, autocomplete: "current-password"),
            .button(.type(.submit), .class(req.application.oidc == nil ? "primary" : ""), .text(req.application.oidc == nil ? "Logga in" : "Logga in med lösenord")))
        guard req.application.oidc != nil else { return form }
        // With the municipality's sign-in, the password form is the local (break-glass) accounts'.
        return .element(named: "details", nodes: [
            .element(named: "summary", text: req.application.localSignIn == .administrators ? "Lokalt administratörskonto (reservinloggning)" : "Lokalt konto i Tertial"),
            form])
    }
}
