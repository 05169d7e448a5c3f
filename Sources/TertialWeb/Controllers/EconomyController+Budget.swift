import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// Editing an operating budget in the browser: names, roles and amounts of its lines, lines added and
/// removed, and the frame. The totals are not fields: they are computed, and the page shows them with
/// the frame check after saving. A form with an error keeps everything typed.
extension EconomyController {
    static let roleChoices: [(String, String)] = [
        ("activity", "Verksamhet"), ("adjustment", "Justering (åtgärdsplan, ramjustering …)"), ("reserve", "Reserv"),
        ("part", "varav-rad (del av en rad)"), ("income", "Intäkt"), ("cost", "Kostnad"),
        ("ofWhichIncome", "varav intäkter (brutto, under summan)"), ("ofWhichCosts", "varav kostnader (brutto, under summan)"),
        ("deviation", "Avvikelse (under summan, räknas inte)"),
    ]

    static func roleKey(_ role: BudgetLine.Role) -> String { role.key }

    static func editableBudget(_ req: Request) async throws -> (Plan, Economy, String, OperatingBudget) {
        let document = try await EditController.typedPlan(req)
        guard let economy = document.economy, let id = req.parameters.get("budgetID"), let budget = economy.budget(id) else {
            throw Abort(.notFound, reason: "Planen har ingen sådan driftbudget.")
        }
        return (document, economy, id, budget)
    }

    @Sendable static func editBudget(_ req: Request) async throws -> Response {
        let (document, _, id, budget) = try await editableBudget(req)
        let fingerprint = try await Economies.tablesFingerprint(planID: document.id, on: req.store) ?? ""
        return budgetForm(req, document, id: id, budget: budget, typed: ["v": fingerprint], errors: [:]).response()
    }

    @Sendable static func saveBudget(_ req: Request) async throws -> Response {
        let (document, _, id, budget) = try await editableBudget(req)
        let form = try req.content.decode([String: String].self)
        var errors: [String: String] = [:]
        var usedIDs = Set(budget.sections.flatMap { $0.lines.map(\.id) })
        var sections: [BudgetSection] = []
        /// A field the form did not send keeps the stored amount; an emptied one clears it.
        func amounts(_ prefix: String, name: String, stored: [BudgetColumn: Decimal] = [:]) -> [BudgetColumn: Decimal] {
            var result: [BudgetColumn: Decimal] = [:]
            for (c, column) in budget.columns.enumerated() {
                guard let sent = form["\(prefix).\(c)"] else { if let kept = stored[column] { result[column] = kept }; continue }
                let text = sent.trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else { continue }
                switch Amount.parseSwedish(text) {
                case .success(let value): result[column] = value
                case .failure(let why): errors["\(prefix).\(c)"] = "\(name), \(column.printedHeading): \"\(text.prefix(40))\" \(why)."
                }
            }
            return result
        }
        func role(_ key: String, partOf: String?, field: String, name: String) -> BudgetLine.Role {
            if let role = BudgetLine.Role(key: key, partOf: partOf) { return role }
            if key == "part" { errors[field] = "\(name): ange vilken rad varav-raden är en del av."; return .part(of: "") }
            return .activity
        }
        for (s, section) in budget.sections.enumerated() {
            var lines: [BudgetLine] = []
            for (l, line) in section.lines.enumerated() {
                let key = "\(s).\(l)"
                if form["x.\(key)"] == "1" { continue }
                let name = (form["n.\(key)"] ?? line.name).trimmingCharacters(in: .whitespaces)
                if name.isEmpty { errors["n.\(key)"] = "Rad \(l + 1): namnet får inte vara tomt (kryssa i Ta bort för att ta bort raden)." }
                if let problem = ValueText.formProblem(name, maxLength: TextLimits.name) { errors["n.\(key)"] = "\(name.prefix(60)): \(problem)." }
                let storedParent: String? = { if case .part(let p) = line.role { p } else { nil } }()
                lines.append(BudgetLine(id: line.id, name: name, role: role(form["r.\(key)"] ?? roleKey(line.role), partOf: form["o.\(key)"] ?? storedParent,
                                                                        field: "o.\(key)", name: name),
                                        amounts: amounts("a.\(key)", name: name, stored: line.amounts)))
            }
            let newName = (form["n.\(s).ny"] ?? "").trimmingCharacters(in: .whitespaces)
            if !newName.isEmpty {
                if let problem = ValueText.formProblem(newName, maxLength: TextLimits.name) { errors["n.\(s).ny"] = "\(newName.prefix(60)): \(problem)." }
                let lineID = uniqueID(for: newName, taken: &usedIDs)
                lines.append(BudgetLine(id: lineID, name: newName, role: role(form["r.\(s).ny"] ?? "activity", partOf: form["o.\(s).ny"], field: "o.\(s).ny", name: newName),
                                        amounts: amounts("a.\(s).ny", name: newName)))
            } else if budget.columns.indices.contains(where: { !(form["a.\(s).ny.\($0)"] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }) {
                errors["n.\(s).ny"] = "Den nya raden har belopp men inget namn."
            }
            var edited = section
            edited.lines = lines
            sections.append(edited)
        }
        var edited = budget
        edited.sections = sections
        edited.frame = amounts("f", name: budget.layout.frameLabel ?? "Ram", stored: budget.frame)
        // A "varav" line must name a line of its own section that is not itself a part.
        for (s, section) in edited.sections.enumerated() {
            for (l, line) in section.lines.enumerated() {
                if case .part(let parent) = line.role, !parent.isEmpty, !section.lines.contains(where: { $0.id == parent && !isPart($0.role) }) {
                    errors["o.\(s).\(l)"] = "\(line.name): raden den är en del av finns inte i samma avsnitt."
                }
            }
        }
        guard errors.isEmpty else {
            return budgetForm(req, document, id: id, budget: budget, typed: form, errors: errors).response(status: .unprocessableEntity)
        }
        do {
            try await Economies.updateBudget(planID: document.id, budgetID: id, edited, expected: form["v"], by: req.actor, on: req.store)
        } catch is Economies.TablesChanged {
            // Show the budget as it is now, with this person's figures kept and the form's fingerprint renewed.
            var keep = form
            keep["v"] = try await Economies.tablesFingerprint(planID: document.id, on: req.store) ?? ""
            let (_, _, _, now) = try await editableBudget(req)
            return budgetForm(req, document, id: id, budget: now, typed: keep, errors: ["": "Någon sparade budgeten efter att du öppnade sidan. Inget sparades; "
                + "dina siffror finns kvar. Jämför med ekonomisidan och spara igen för att behålla dem."]).response(status: .conflict)
        } catch let inUse as Economies.LineInUse {
            return budgetForm(req, document, id: id, budget: budget, typed: form, errors: ["": inUse.description]).response(status: .conflict)
        } catch let refused as Economies.Refused {
            return budgetForm(req, document, id: id, budget: budget, typed: form, errors: ["": refused.messages.joined(separator: "; ")])
                .response(status: .unprocessableEntity)
        }
        return req.redirect(to: SiteURL.planEconomy(id: document.id).path + "?sparat=\(id)#budget-\(id)", redirectType: .normal)
    }

    static func isPart(_ role: BudgetLine.Role) -> Bool { if case .part = role { true } else { false } }

    /// "Ändrade insatser, digitalisering" → "andrade-insatser-digitalisering" (and "-2" if taken).
    static func uniqueID(for name: String, taken: inout Set<String>) -> String {
        let folded = name.lowercased().folding(options: [.diacriticInsensitive], locale: Locale(identifier: "sv_SE"))
        var slug = String(folded.unicodeScalars.map { $0.isASCII && CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" })
        while slug.contains("--") { slug = slug.replacingOccurrences(of: "--", with: "-") }
        slug = String(slug.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(60))
        if slug.isEmpty { slug = "rad" }
        var candidate = slug, n = 2
        while taken.contains(candidate) { candidate = "\(slug)-\(n)"; n += 1 }
        taken.insert(candidate)
        return candidate
    }
}
