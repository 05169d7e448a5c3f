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
            .form(.method(.post), .action(SiteURL.signIn.path),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("till"), .value(returnTo.attributeEscaped)),
                Forms.field("username", label: "Användarnamn", value: username, required: true, autocomplete: "username"),
                Forms.field("password", label: "Lösenord", type: .password, required: true, autocomplete: "current-password"),
                .button(.type(.submit), .class("primary"), .text("Logga in"))
            )
        ))
    }
}
