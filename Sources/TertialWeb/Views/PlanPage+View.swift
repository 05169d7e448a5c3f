import Plot
import TertialCore
import TertialDocuments
import TertialStore

extension PlanPage {
    /// What the visitor may do from the plan page.
    struct Abilities {
        var reportValues = false
        var editPlan = false
    }

    static func view(_ model: Model, context: PageContext = .anonymous, abilities: Abilities = Abilities()) -> PageShell {
        shell(title: model.plan.title, municipalityName: model.municipalityName, ownerName: model.ownerName, context: context,
              content: content(model, abilities: abilities))
    }

    /// The page around its content; the content itself may come from `PlanPageCache`.
    static func shell(title: String, municipalityName: String, ownerName: String, context: PageContext, content: Node<HTML.BodyContext>) -> PageShell {
        PageShell(
            title: title,
            breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: municipalityName, url: nil),
                          Breadcrumb(title: ownerName, url: nil), Breadcrumb(title: title, url: nil)],
            context: context,
            content: content)
    }

    /// A notice above an adopted plan: the public sees the adopted version; this is a working version.
    struct VersionNotice {
        let adoptedVersion: Int
        let decisionDate: String?
        let isPublicView: Bool
    }

    static func content(_ model: Model, abilities: Abilities = Abilities(), notice: VersionNotice? = nil) -> Node<HTML.BodyContext> {
        let plan = model.plan
        return .div(
                .h1(.text(plan.title)),
                .unwrap(notice) { notice in
                    notice.isPublicView
                        ? .p(.class("notice"), .text("Fastställd version \(notice.adoptedVersion)\(notice.decisionDate.map { " (beslut \($0))" } ?? ""), med de utfall som har rapporterats sedan dess."))
                        : .div(.class("notice working-version"), .attribute(named: "role", value: "note"),
                               .p(.strong("Arbetsversion. "), .text("Planen har ändrats efter att version \(notice.adoptedVersion) fastställdes\(notice.decisionDate.map { " \($0)" } ?? ""). "
                                        + "Allmänheten ser den fastställda versionen tills planen fastställs på nytt. Alla ändringar loggas.")),
                               .p(.a(.href(SiteURL.planVersions(id: plan.id).path + "?fran=\(notice.adoptedVersion)&till=aktuell"), .text("Visa ändringarna sedan version \(notice.adoptedVersion)"))))
                },
                .div(.class("actions"),
                    .if(abilities.reportValues, .a(.class("button"), .href(SiteURL.planValues(id: plan.id).path), .text("Rapportera utfall"))),
                    .if(abilities.reportValues, .a(.class("button"), .href(SiteURL.planAssessment(id: plan.id).path), .text("Bedöm målen"))),
                    .if(abilities.editPlan, .a(.class("button"), .href(SiteURL.planStatus(id: plan.id).path), .text("Ändra status"))),
                    .if(abilities.editPlan, .a(.href(SiteURL.planNextYear(id: plan.id).path), .text("Skapa nästa års plan"))),
                    .if(abilities.editPlan, .a(.class("button"), .href(SiteURL.planNewGoal(id: plan.id).path), .text("Nytt mål"))),
                    .if(abilities.editPlan, .a(.href(SiteURL.planNewArea(id: plan.id).path), .text("Nytt målområde"))),
                    .if(abilities.editPlan, .a(.href(SiteURL.planNewMeasure(id: plan.id).path), .text("Nytt följetal"))),
                    .if(model.plan.economy != nil, .a(.href(SiteURL.planEconomy(id: plan.id).path), .text("Ekonomi"))),
                    .if(model.plan.activityPlan != nil || abilities.editPlan, .a(.href(SiteURL.planActivities(id: plan.id).path), .text("Aktiviteter och uppdrag"))),
                    .if(model.plan.internalControl != nil || abilities.editPlan, .a(.href(SiteURL.planInternalControl(id: plan.id).path), .text("Internkontroll"))),
                    .a(.href(SiteURL.planTexts(id: plan.id).path), .text("Texter")),
                    .a(.href(SiteURL.planVersions(id: plan.id).path), .text("Versioner"))
                ),
                DocumentController.menu(planID: plan.id, years: plan.planYears),
                .dl(.class("meta"),
                    .dt("Kommun"), .dd(.text(model.municipalityName)),
                    .dt("Ägare"), .dd(.text(model.ownerName)),
                    .dt("Typ"), .dd(.text(plan.kind.label)),
                    .dt("Period"), .dd(.text(periodText(plan.planYears))),
                    .dt("Status"), .dd(.text(plan.status.label)),
                    .unwrap(plan.decision) { decision in
                        .group(.dt("Beslut"), .dd(.text(decisionText(decision))))
                    }
                ),
                .unwrap(plan.decision) { decisionView($0) },
                .if(!plan.attachments.isEmpty, .section(.h2("Bilagor"), .ul(.forEach(plan.attachments) { .li(.text($0)) }))),
                .forEach(model.areas) { area in
                    .section(
                        .h2(.text(area.label.isEmpty ? area.name : "\(area.label): \(area.name)")),
                        .unwrap(abilities.editPlan ? area.id : nil) { .p(.class("edit-links"), .a(.href(SiteURL.planArea(id: plan.id, areaID: $0).path), .text("Ändra målområdet"))) },
                        .unwrap(area.description) { FormattedTextView.nodes($0, class: "goal-area-text", headingLevel: 3) },
                        .forEach(area.goals) { goalView($0, columns: model.columns, planID: plan.id, editable: abilities.editPlan) }
                    )
                },
                .if(!model.measureGroups.isEmpty, .section(
                    .h2("Följetal"),
                    .forEach(model.measureGroups) { measureGroupView($0, planID: plan.id, editable: abilities.editPlan) }
                ))
            )
    }

    static func periodText(_ years: [Int]) -> String {
        guard let first = years.first, let last = years.last else { return "" }
        return first == last ? "\(first)" : "\(first)–\(last)"
    }

    static func decisionText(_ decision: Decision) -> String {
        [decision.body, decision.date?.description, decision.paragraph, decision.caseNumber.map { "Dnr \($0)" }].compactMap { $0 }.joined(separator: ", ")
    }

    static func decisionView(_ decision: Decision) -> Node<HTML.BodyContext> {
        .section(.class("decision"),
            .h2(.text("Beslut " + [decision.paragraph, decision.caseNumber.map { "Dnr \($0)" }].compactMap { $0 }.joined(separator: ", "))),
            .p(.text([decision.body, decision.date?.description].compactMap { $0 }.joined(separator: ", "))),
            .if(!decision.points.isEmpty, .group(.h3("Beslutspunkter"), .ol(.forEach(decision.points) { .li(.text($0)) }))),
            .unwrap(decision.basis) { basis in .group(.h3("Beslutsunderlag"), .ul(.forEach(basis) { .li(.text($0)) })) }
        )
    }

    static func goalView(_ goal: Model.Goal, columns: [Model.Column], planID: String, editable: Bool) -> Node<HTML.BodyContext> {
        .article(.id("mal-\(goal.id)".attributeEscaped),
            .h3(.span(.class("kind"), .text("\(goal.levelLabel): ")), .text(goal.title)),
            .if(editable, .p(.class("edit-links"),
                .a(.href(SiteURL.planGoal(id: planID, goalID: goal.id).path), .text("Ändra målet och dess indikatorer")), .text(" · "),
                .a(.href(SiteURL.planNewIndicator(id: planID, goalID: goal.id).path), .text("Ny indikator")))),
            .unwrap(goal.description) { FormattedTextView.nodes($0, class: "goal-text") },
            .if(!goal.parents.isEmpty, .p(.class("links"), .text("Bidrar till: " + goal.parents.joined(separator: "; ")))),
            .if(!goal.agenda2030.isEmpty || !goal.childRights.isEmpty, .p(.class("links"), .text(linksText(goal)))),
            .if(goal.qualitative, .p(.class("links"), .text("Kvalitativt mål – följs upp med en skriftlig redovisning."))),
            .unwrap(goal.assessment, { year, entry in
                .div(.class("assessment-view"),
                    .p(.class("goal-status"), .text("Bedömning \(year): "), statusNode(entry.assessment.effective, note: nil, inline: true),
                       .unwrap(entry.assessment.override) { _ in .text(" (beräknad: \(entry.assessment.computed.label.lowercased()))") }),
                    .unwrap(entry.assessment.reason) { .p(.class("links"), .text("Motivering: \($0)")) },
                    .unwrap(entry.analysis) { FormattedTextView.nodes($0, class: "goal-text") })
            }, else: .unwrap(goal.status) { status in
                .p(.class("goal-status"), .text("Måluppfyllelse \(status.year): "), statusNode(status.attainment, note: nil, inline: true))
            }),
            .unwrap(goal.table) { tableView($0, columns: $0.columns) },
            .if(!goal.charts.isEmpty, .element(named: "details", nodes: [.class("charts"),
                .element(named: "summary", text: "Diagram (\(goal.charts.count))"),
                .group(goal.charts.map { .div(.class("chart-box"), .p(.class("chart-title"), .text($0.name)), .raw($0.svg)) })])),
            .if(!goal.notes.isEmpty, .ul(.class("notes"), .forEach(goal.notes) { .li(.text($0)) })),
            .if(!goal.kolada.isEmpty, .p(.class("links"), .text("Jämför med andra kommuner och riket (Källa: Kolada): "),
                .group(goal.kolada.enumerated().map { i, item in
                    .group(.if(i > 0, .text(" · ")), .a(.href(SiteURL.planIndicatorComparison(id: planID, indicatorID: item.id).path), .text(item.name)))
                })))
        )
    }

    static func linksText(_ goal: Model.Goal) -> String {
        var parts: [String] = []
        if !goal.agenda2030.isEmpty { parts.append("Agenda 2030: " + goal.agenda2030.joined(separator: ", ")) }
        if !goal.childRights.isEmpty { parts.append("Barnkonventionen, artikel " + goal.childRights.map(String.init).joined(separator: ", ")) }
        return parts.joined(separator: " · ")
    }

    static func tableView(_ table: Model.IndicatorTable, columns: [Model.Column]) -> Node<HTML.BodyContext> {
        scrollableTable(label: table.caption, .table(
            .caption(.text(table.caption)),
            .thead(.tr(
                .th(.attribute(named: "scope", value: "col"), "Indikator"),
                .forEach(columns) { .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0.heading)) }
            )),
            .tbody(.forEach(table.rows) { row in
                .tr(.if(row.isGenderRow, .class("gender")),
                    .th(.attribute(named: "scope", value: "row"), .text(row.label)),
                    .forEach(row.cells) { cell in
                        .td(.if(cell.isNumeric, .class("num")),
                            .text(cell.text),
                            .unwrap(cell.evaluation) { statusNode($0.attainment, note: $0.basis == .forecast ? "prognos" : nil, title: $0.explanation) })
                    })
            })
        ))
    }

    static func statusNode(_ attainment: Attainment, note: String?, title: String? = nil, inline: Bool = false) -> Node<HTML.BodyContext> {
        let text = "\(attainment.symbol) \(attainment.label)" + (note.map { " (\($0))" } ?? "")
        return .span(.class("status status-\(attainment.rawValue)\(inline ? " inline" : "")"), .unwrap(title) { .title($0.attributeEscaped) }, .text(text))
    }

    static func measureGroupView(_ group: Model.MeasureGroup, planID: String, editable: Bool) -> Node<HTML.BodyContext> {
        .section(
            .h3(.text(group.title)),
            .unwrap(group.text) { FormattedTextView.nodes($0, class: "goal-text") },
            scrollableTable(label: group.title, .table(
                .caption(.text(group.title)),
                .thead(.tr(
                    .th(.attribute(named: "scope", value: "col"), "Följetal"),
                    .if(group.showsApprovedLevel, .th(.attribute(named: "scope", value: "col"), .class("num"), "Godkänd nivå")),
                    .forEach(group.columns) { .th(.attribute(named: "scope", value: "col"), .class("num"), .text($0.heading)) }
                )),
                .tbody(.forEach(group.rows) { row in
                    .tr(.th(.attribute(named: "scope", value: "row"),
                            editable ? .a(.href(SiteURL.planMeasure(id: planID, measureID: row.id).path), .text(row.name)) : .text(row.name)),
                        .if(group.showsApprovedLevel, .td(.class("num"), .text(row.approvedLevel ?? ""))),
                        .forEach(row.cells) { .td(.class("num"), .text($0)) })
                })
            ))
        )
    }
}
