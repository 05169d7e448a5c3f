import Plot
import TertialCore
import TertialDocuments
import TertialStore
import Vapor

/// The pages of `ValuesController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension ValuesController {
    static func periodPicker(_ planID: String, periods: [Period], chosen: Period) -> Node<HTML.BodyContext> {
        .form(.method(.get), .action(SiteURL.planValues(id: planID).path), .class("inline-form"),
              Forms.select("period", label: "Period", choices: periods.map { ($0.description, periodName($0)) },
                           chosen: chosen.description),
              .button(.type(.submit), .text("Visa")))
    }

    static func header(_ period: Period) -> Node<HTML.TableContext> {
        let name = period.label
        let headings = ["Indikator", "Målvärde \(period.year)", "Utfall \(name) och kommentar", "Prognos \(name) och kommentar"]
        return .thead(.tr(.forEach(headings) { .th(.attribute(named: "scope", value: "col"), .text($0)) }))
    }

    static func hidden(_ name: String, _ value: String) -> Node<HTML.BodyContext> {
        .input(.type(.hidden), .name(name.attributeEscaped), .value(value.attributeEscaped))
    }

    static func page(_ req: Request, _ document: Plan, period: Period, cells: GridValues, state: PageState) -> PageShell {
        let plan = document
        let name = period.label
        // Rows are numbered across the whole form, so a pasted column runs on from one goal's table into the next.
        var rowIndex = 0
        let tables: [Node<HTML.FormContext>] = document.goals.filter { !$0.indicators.isEmpty }.map { goal in
            let rows: [Node<HTML.TableContext>] = goal.indicators.flatMap { indicator in
                defer { rowIndex += genders(indicator).count }
                return self.rows(indicator, firstRow: rowIndex, period: period, cells: cells.indicators[indicator.id] ?? [:], state: state)
            }
            return scrollableTable(label: goal.title, .table(
                .caption(.text(goal.title)),
                header(period),
                .tbody(.group(rows))))
        }
        // Tracking measures (följetal): their outcome for the period, beside the approved level where
        // they have one; the rows run on from the indicators' so a pasted column carries on.
        let measureTables: [Node<HTML.FormContext>] = Self.measureTables(document).map { title, measures in
            let showsLevel = measures.contains { $0.approvedLevel != nil }
            let rows: [Node<HTML.TableContext>] = measures.map { measure in
                defer { rowIndex += 1 }
                let cell = Cell(id: measure.id, kind: .outcome, isMeasure: true)
                return .tr(.th(.attribute(named: "scope", value: "row"), .id("m-\(measure.id)".attributeEscaped), .text(measure.name),
                               .unwrap(measure.unit) { .span(.class("hint"), .text(" (\($0))")) }),
                           .if(showsLevel, .td(.class("num"), .text(measure.approvedLevel?.text ?? ""))),
                           input(cell, name: measure.name, rowIndex: rowIndex, period: period, stored: cells.cell(cell), state: state))
            }
            let headings = ["Följetal"] + (showsLevel ? ["Godkänd nivå"] : []) + ["Utfall \(period.label) och kommentar"]
            return scrollableTable(label: title, .table(
                .caption(.text(title)),
                .thead(.tr(.forEach(headings) { .th(.attribute(named: "scope", value: "col"), .text($0)) })),
                .tbody(.group(rows))))
        }
        let conflictMessage = state.conflicts.isEmpty ? [] : ["Någon annan har sparat värden i \(state.conflicts.count == 1 ? "en ruta" : "\(state.conflicts.count) rutor") sedan du öppnade sidan. Inget sparades. Jämför nedan och spara igen för att behålla dina värden."]
        return PageShell(title: "Rapportera utfall \(name)",
                         breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: plan.title, url: .plan(id: plan.id)),
                                       Breadcrumb(title: "Rapportera utfall", url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Rapportera utfall \(name) – \(plan.title)")),
            .unwrap(state.saved) { .p(.class("notice"), .attribute(named: "role", value: "status"), .text($0 == 1 ? "1 värde sparat." : "\($0) värden sparade.")) },
            Forms.errorSummary(problems: conflictMessage.map { Forms.Problem($0) }
                + state.errors.map { Forms.Problem($0.value, at: "c-\($0.key.field)") }.sorted { $0.message < $1.message }),
            .unwrap(state.closed) { .p(.class("notice closed"), .attribute(named: "role", value: "alert"), .text($0)) },
            periodPicker(plan.id, periods: periods(document), chosen: period),
            .p(.class("hint"), .text("Skriv tal som i Excel (92, 6,8, 1 560), en markering (i.u., nytt mått, ej aktuellt) eller siffror som planen skriver dem (>98 %, 52 %/47 %). Töm en ruta för att ta bort värdet; historiken finns kvar. "
                                     + "Klistra in en kolumn från Excel i en ruta så fylls rutorna nedåt; Enter och piltangenterna flyttar mellan rutorna, Tab från utfall till prognos och vidare till nästa rad. "
                                     + "Alt+K går till rutans kommentar och Esc tillbaka.")),
            .p(.id("grid-status"), .class("hint"), .attribute(named: "role", value: "status"), .attribute(named: "aria-live", value: "polite")),
            .form(.method(.post), .action(SiteURL.planValues(id: plan.id).path), .attribute(named: "data-grid", value: "values"),
                Forms.csrf(req.pageContext),
                .input(.type(.hidden), .name("period"), .value(period.description)),
                .group(tables),
                .if(!measureTables.isEmpty, .h2(.text("Följetal"))),
                .group(measureTables),
                .button(.type(.submit), .class("primary"), .text("Spara"))
            )
        ))
    }

    /// The input cells of one row (outcome, forecast) for `gender`.
    static func inputs(_ indicator: Indicator, gender: Gender, rowIndex: Int, period: Period, cells: [ValueKind: ValueHistory.Cell],
                       state: PageState) -> [Node<HTML.TableRowContext>] {
        ValueKind.allCases.map { kind in
            let who = gender == .total ? "" : " (\(gender.label.lowercased()))"
            return input(Cell(id: indicator.id, kind: kind, gender: gender), name: indicator.name + who, rowIndex: rowIndex, period: period,
                         stored: cells[kind], state: state)
        }
    }

    /// One input cell: the value, what the form showed and its version, the comment, and a conflict.
    static func input(_ cell: Cell, name displayName: String, rowIndex: Int, period: Period, stored: ValueHistory.Cell?,
                      state: PageState) -> Node<HTML.TableRowContext> {
        let kind = cell.kind
        let value = state.typed[cell] ?? stored?.text ?? ""
        let name = cell.field
        let shown = state.shown?[cell] ?? Shown(text: stored?.text ?? "", version: stored?.version ?? 0)
        let label = "\(kind.label) \(period.label): \(displayName)"
        let invalid: Attribute<HTML.InputContext> = state.errors[cell] != nil || state.conflicts[cell] != nil
            ? .attribute(named: "aria-invalid", value: "true") : .empty
        return .td(
            .input(.type(.text), .id("c-\(name)".attributeEscaped), .name(name.attributeEscaped), .value(value.attributeEscaped), .attribute(named: "inputmode", value: "decimal"),
                   .attribute(named: "data-row", value: String(rowIndex)), .attribute(named: "data-col", value: kind == .outcome ? "0" : "1"),
                   .attribute(named: "aria-label", value: label.attributeEscaped), invalid, .attribute(named: "size", value: "8"),
                   state.closed == nil ? .empty : .attribute(named: "readonly", value: "readonly")),
            hidden("o.\(name)", shown.text), hidden("v.\(name)", String(shown.version)),
            .input(.type(.text), .name("k.\(name)".attributeEscaped), .class("comment"),
                   .value((state.comments[cell] ?? stored?.comment ?? "").attributeEscaped),
                   .placeholder("Kommentar"), .attribute(named: "aria-label", value: "Kommentar till \(label)".attributeEscaped)),
            hidden("o.k.\(name)", state.shownComments?[cell] ?? stored?.comment ?? ""),
            .unwrap(state.conflicts[cell]) { conflict in
                .span(.class("error conflict"), .text("\(conflict.who) sparade \(conflict.theirs) \(SwedishDate.dateTime(conflict.when)). Ditt värde: \(value)."))
            })
    }

    /// An indicator's rows: the total with target, comment and history; then women and men when broken down.
    static func rows(_ indicator: Indicator, firstRow: Int, period: Period, cells: [Gender: [ValueKind: ValueHistory.Cell]], state: PageState) -> [Node<HTML.TableContext>] {
        let total = cells[.total] ?? [:]
        let history = cells.flatMap { gender, byKind in
            byKind.flatMap { kind, cell in cell.history.map { (gender, kind, $0) } }
        }.sorted { $0.2.recordedAt < $1.2.recordedAt }
        var result: [Node<HTML.TableContext>] = [
            .tr(.th(.attribute(named: "scope", value: "row"), .id("i-\(indicator.id)".attributeEscaped), .text(indicator.name),
                    .if(!history.isEmpty, .element(named: "details", nodes: [.class("history"),
                        .element(named: "summary", text: "Historik (\(history.count))"),
                        .ul(.forEach(history) { gender, kind, version in
                            .li(.text("\(SwedishDate.dateTime(version.recordedAt)) \(version.recordedBy): \(kind.label.lowercased())"
                                      + (gender == .total ? "" : " \(gender.label.lowercased())") + " \(version.text)"
                                      + (version.comment.map { " – \($0)" } ?? "")))
                        })]))),
                .td(.class("num"), .text(indicator.targets[period.year]?.text ?? "")),
                .group(inputs(indicator, gender: .total, rowIndex: firstRow, period: period, cells: total, state: state)))
        ]
        for (offset, gender) in genders(indicator).dropFirst().enumerated() {
            result.append(.tr(.class("gender"), .th(.attribute(named: "scope", value: "row"), .text(gender.label)), .td(),
                              .group(inputs(indicator, gender: gender, rowIndex: firstRow + 1 + offset, period: period, cells: cells[gender] ?? [:], state: state))))
        }
        return result
    }
}
