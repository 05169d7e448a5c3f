import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `EconomyController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension EconomyController {
    static func budgetForm(_ req: Request, _ document: Plan, id: String, budget: OperatingBudget, typed: [String: String]?, errors: [String: String]) -> PageShell {
        let plan = document
        let style = budget.layout.style
        func value(_ key: String, _ stored: String) -> String { typed?[key] ?? stored }
        func amountText(_ amount: Decimal?) -> String { amount.map { SwedishNumber.format($0, decimals: max(style.decimals, decimals(of: $0))) } ?? "" }
        func input(_ name: String, _ text: String, label: String, size: Int = 9) -> Node<HTML.BodyContext> {
            .element(named: "input", nodes: [.attribute(named: "type", value: "text"), .attribute(named: "name", value: name.attributeEscaped),
                                             .attribute(named: "id", value: "f-\(name)".attributeEscaped), .attribute(named: "value", value: text.attributeEscaped),
                                             .attribute(named: "size", value: String(size)), .attribute(named: "inputmode", value: "decimal"),
                                             .attribute(named: "aria-label", value: label.attributeEscaped),
                                             errors[name] != nil ? .attribute(named: "aria-invalid", value: "true") : .empty])
        }
        func select(_ name: String, _ chosen: String, label: String, choices: [(String, String)]) -> Node<HTML.BodyContext> {
            .element(named: "select", nodes: [.attribute(named: "name", value: name.attributeEscaped), .attribute(named: "id", value: "f-\(name)".attributeEscaped),
                                              .attribute(named: "aria-label", value: label.attributeEscaped),
                                              .group(choices.map { choice in
                                                  .element(named: "option", nodes: [.attribute(named: "value", value: choice.0.attributeEscaped),
                                                                                    choice.0 == chosen ? .attribute(named: "selected", value: "selected") : .empty, .text(choice.1)])
                                              })])
        }
        func row(_ key: String, name: String, role: String, partOf: String, amounts: [BudgetColumn: Decimal], lines: [BudgetLine], isNew: Bool) -> Node<HTML.TableContext> {
            let shownName = value("n.\(key)", name)
            let label = shownName.isEmpty ? (isNew ? "Ny rad" : "Rad") : shownName
            return .tr(
                .td(input("n.\(key)", shownName, label: isNew ? "Ny rad: namn" : "Namn på raden \(name)", size: 34)),
                .td(select("r.\(key)", value("r.\(key)", role), label: "\(label): typ", choices: roleChoices)),
                .td(select("o.\(key)", value("o.\(key)", partOf), label: "\(label): del av raden", choices: [("", "–")] + lines.filter { !isPart($0.role) }.map { ($0.id, $0.name) })),
                .group(budget.columns.enumerated().map { c, column in
                    .td(.class("n"), input("a.\(key).\(c)", value("a.\(key).\(c)", amountText(amounts[column])), label: "\(label), \(column.printedHeading)"))
                }),
                .td(isNew ? .text("") : .element(named: "input", nodes: [.attribute(named: "type", value: "checkbox"), .attribute(named: "name", value: "x.\(key)".attributeEscaped),
                                                                        .attribute(named: "value", value: "1"), .attribute(named: "aria-label", value: "Ta bort \(label)".attributeEscaped),
                                                                        typed?["x.\(key)"] == "1" ? .attribute(named: "checked", value: "checked") : .empty])))
        }
        return PageShell(title: "Ändra \(budget.layout.title)", breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                                                            Breadcrumb(title: "Ekonomi", url: .planEconomy(id: plan.id)), Breadcrumb(title: "Ändra", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Ändra \(budget.layout.title.lowercasedFirst), \(budget.unit.label)")),
            Forms.errorSummary(errors.sorted { $0.key < $1.key }.map(\.value)),
            .p(.class("hint"), .text("Belopp i \(budget.unit.label)\(budget.sign == .costsNegative ? ", kostnader som negativa tal" : ", nettokostnader som positiva tal"). "
                                     + "Summorna räknas fram när du sparar och kontrolleras mot ramen. Fyll i den tomma raden sist i ett avsnitt för att lägga till en rad; "
                                     + "kryssa i Ta bort för att ta bort en rad (en rad med månadsuppföljning kan inte tas bort). Alla ändringar loggas.")),
            .if(plan.status == .adopted, .p(.class("notice"), .text("Planen är fastställd: ändringarna görs i en arbetsversion. Allmänheten ser den fastställda budgeten tills planen fastställs på nytt."))),
            .form(.method(.post), .action(SiteURL.planEconomyBudget(id: plan.id, budgetID: id).path),
                .input(.type(.hidden), .name("_csrf"), .value(CSRFMask.mask(req.pageContext.csrfToken).attributeEscaped)),
                .input(.type(.hidden), .name("v"), .value((typed?["v"] ?? "").attributeEscaped)),
                .forEach(Array(budget.sections.enumerated())) { s, section in
                    .group(
                        .unwrap(section.title) { .h2(.text($0)) },
                        scrollableTable(label: section.title ?? budget.layout.title,
                            .table(.class("budget-edit"),
                                .thead(.tr(.th(.attribute(named: "scope", value: "col"), "Rad"), .th(.attribute(named: "scope", value: "col"), "Typ"),
                                           .th(.attribute(named: "scope", value: "col"), "Del av"),
                                           .forEach(budget.columns) { .th(.attribute(named: "scope", value: "col"), .class("n"), .text($0.printedHeading)) },
                                           .th(.attribute(named: "scope", value: "col"), "Ta bort"))),
                                .tbody(
                                    .forEach(Array(section.lines.enumerated())) { l, line in
                                        let parent: String = { if case .part(let p) = line.role { p } else { "" } }()
                                        return row("\(s).\(l)", name: line.name, role: roleKey(line.role), partOf: parent, amounts: line.amounts, lines: section.lines, isNew: false)
                                    },
                                    row("\(s).ny", name: "", role: "activity", partOf: "", amounts: [:], lines: section.lines, isNew: true),
                                    .tr(.class("total"), .th(.attribute(named: "scope", value: "row"), .attribute(named: "colspan", value: "3"), .text(section.totalLabel.isEmpty ? "Summa (räknas fram)" : "\(section.totalLabel) (räknas fram)")),
                                        .forEach(budget.columns) { column in .td(.class("n"), .text(budget.showsTotal(column) ? style.format(budget.total(section, column)) : "")) },
                                        .td())
                                ))))
                },
                .h2(.text(budget.layout.frameLabel ?? "Budgetram")),
                .div(.class("field-row"), .forEach(Array(budget.columns.enumerated())) { c, column in
                    .div(.class("field"), .label(.for("f-f.\(c)"), .text(column.printedHeading)),
                         .input(.type(.text), .id("f-f.\(c)"), .name("f.\(c)"), .value(value("f.\(c)", amountText(budget.frame[column])).attributeEscaped)))
                }),
                .button(.type(.submit), .class("primary"), .text("Spara budgeten")))
        ))
    }
}
