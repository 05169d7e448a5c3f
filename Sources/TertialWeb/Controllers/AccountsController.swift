import Plot
import TertialCore
import TertialStore
import Vapor

/// Administrators create, disable and reset accounts and give roles per unit.
enum AccountsController {
    static let minimumPasswordLength = 12

    struct CreateForm: Content {
        var username: String?
        var displayName: String?
        var password: String?
        var administrator: String?
        var auditor: String?
    }

    struct UpdateForm: Content {
        var action: String?
        var unitID: String?
        var role: String?
        var password: String?
    }

    @Sendable static func list(_ req: Request) async throws -> Response {
        try await listPage(req, form: CreateForm(), errors: [:], status: .ok)
    }

    static func listPage(_ req: Request, form: CreateForm, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let accounts = try await Accounts.all(on: req.store)
        let municipalities = try await Catalogue.municipalities(on: req.store)
        return listView(req, accounts: accounts, municipalities: municipalities, form: form, errors: errors).response(status: status)
    }

    @Sendable static func create(_ req: Request) async throws -> Response {
        let form = try req.content.decode(CreateForm.self)
        var errors: [String: String] = [:]
        let username = Accounts.normalise(form.username ?? "")
        if !Accounts.isValidUsername(username) { errors["username"] = Accounts.AccountError.invalidUsername.description }
        let password = form.password ?? ""
        if password.count < minimumPasswordLength { errors["password"] = "Lösenordet måste ha minst \(minimumPasswordLength) tecken." }
        if errors.isEmpty {
            do {
                let hash = try await req.password.async.hash(password)
                try await Accounts.create(username: username, displayName: form.displayName ?? "", passwordHash: hash,
                                          administrator: form.administrator != nil, auditor: form.auditor != nil, by: req.actor, on: req.store)
                return req.redirect(to: SiteURL.accounts.path, redirectType: .normal)
            } catch let error as Accounts.AccountError {
                errors["username"] = error.description
            }
        }
        var kept = form
        kept.password = nil // never echo a password back
        return try await listPage(req, form: kept, errors: errors, status: .unprocessableEntity)
    }

    @Sendable static func show(_ req: Request) async throws -> Response {
        try await accountPage(req, errors: [:], status: .ok)
    }

    static func account(_ req: Request) async throws -> AccountModel {
        guard let id = req.parameters.get("accountID").flatMap(UUID.init(uuidString:)), let account = try await Accounts.find(id: id, on: req.store) else {
            throw Abort(.notFound)
        }
        return account
    }

    static func accountPage(_ req: Request, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let account = try await account(req)
        let roles = try await Accounts.roleAssignments(of: account.id!, on: req.store)
        let units = try await Catalogue.units(on: req.store)
        let municipalities = Dictionary(try await Catalogue.municipalities(on: req.store).map { ($0.id!, $0.name) }, uniquingKeysWith: { a, _ in a })
        let unitNames = Dictionary(units.map { ($0.id!, "\(municipalities[$0.municipalityID] ?? ""): \($0.name)") }, uniquingKeysWith: { a, _ in a })
        return accountView(req, account: account, roles: roles, units: units, unitNames: unitNames, errors: errors).response(status: status)
    }

    @Sendable static func update(_ req: Request) async throws -> Response {
        let account = try await account(req)
        let form = try req.content.decode(UpdateForm.self)
        var errors: [String: String] = [:]
        switch form.action {
        case "role":
            let role = (form.role ?? "").isEmpty ? nil : UnitRole(rawValue: form.role ?? "")
            if form.role?.isEmpty == false && role == nil { errors["role"] = "Okänd roll." }
            else {
                do { try await Accounts.setRole(account.id!, unitID: form.unitID ?? "", role: role, by: req.actor, on: req.store) }
                catch let error as Accounts.AccountError { errors["unitID"] = error.description }
            }
        case "password":
            let password = form.password ?? ""
            if password.count < minimumPasswordLength { errors["password"] = "Lösenordet måste ha minst \(minimumPasswordLength) tecken." }
            else { try await Accounts.setPasswordHash(account.id!, try await req.password.async.hash(password), by: req.actor, on: req.store) }
        case "disable", "enable":
            if account.id == req.account?.id { errors["action"] = "Du kan inte stänga av ditt eget konto." }
            else { try await Accounts.setDisabled(account.id!, form.action == "disable", by: req.actor, on: req.store) }
        default:
            errors["action"] = "Okänd åtgärd."
        }
        if !errors.isEmpty { return try await accountPage(req, errors: errors, status: .unprocessableEntity) }
        return req.redirect(to: SiteURL.account(id: account.id!.uuidString).path, redirectType: .normal)
    }
}
