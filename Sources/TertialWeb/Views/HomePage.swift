import Foundation
import Plot
import TertialCore
import TertialDocuments
import TertialStore

/// `/`: municipalities → units → plans.
enum HomePage {
    struct Model {
        struct UnitNode {
            let name: String
            let kindLabel: String
            let plans: [(id: String, title: String, status: String)]
            let children: [UnitNode]
        }
        struct MunicipalityNode {
            let id: String
            let name: String
            let roots: [UnitNode]
        }
        let municipalities: [MunicipalityNode]
        /// The signed-in person's tasks (nil: anonymous).
        var tasks: MyTasks?
        /// Municipalities with published editions: their start links to them and to the open data.
        var published: Set<String> = []

        /// Only the plans `principal` may read are listed (nil: an anonymous visitor).
        init(catalogue: Catalogue, principal: Principal?) {
            municipalities = catalogue.entries.map { entry in
                let labels = entry.municipality.unitKindLabels ?? [:]
                let children = Dictionary(grouping: entry.units, by: { $0.parentID ?? "" })
                let plans = Dictionary(grouping: entry.plans.filter { entry.isReadable($0, by: principal) }, by: \.ownerUnitID)
                func node(_ unit: OrgUnitModel) -> UnitNode {
                    let kind = OrgUnitKind(rawValue: unit.kind) ?? .unit
                    return UnitNode(name: unit.name, kindLabel: labels[unit.kind] ?? kind.label,
                                    plans: (plans[unit.id!] ?? []).map { ($0.id!, $0.title, (PlanStatus(rawValue: $0.status) ?? .draft).label) },
                                    children: (children[unit.id!] ?? []).map(node))
                }
                return MunicipalityNode(id: entry.municipality.id!, name: entry.municipality.name, roots: (children[""] ?? []).map(node))
            }
        }
    }

    static func view(_ model: Model, context: PageContext = .anonymous) -> PageShell {
        PageShell(title: "Kommuner och planer", breadcrumbs: [], context: context, content: .div(
            .unwrap(model.tasks) { MyTasks.view($0) },
            .h1("Kommuner och planer"),
            .if(model.municipalities.isEmpty, .p("Databasen innehåller ännu ingen kommun. Importera en plan med tertial import.")),
            .forEach(model.municipalities) { municipality in
                .section(
                    .h2(.text(municipality.name)),
                    .if(context.principal != nil, .p(.a(.href(SiteURL.yearCycle(municipalityID: municipality.id).path), .text("Årshjul")))),
                    .if(model.published.contains(municipality.id), .p(
                        .a(.href((SiteURL.published.path + "#m-\(municipality.id)").attributeEscaped), .text("Publicerade planer och rapporter")),
                        .text(" · "), .a(.href(SiteURL.openData.path), .text("Öppna data")))),
                    .ul(.class("tree"), .forEach(municipality.roots) { unitNode($0) })
                )
            }
        ))
    }

    static func unitNode(_ unit: Model.UnitNode) -> Node<HTML.ListContext> {
        .li(
            .strong(.text(unit.name)), .text(" "), .span(.class("kind"), .text("(\(unit.kindLabel))")),
            .if(!unit.plans.isEmpty, .ul(.class("plans"), .forEach(unit.plans) { plan in
                .li(.a(.href(SiteURL.plan(id: plan.id).path), .text(plan.title)), .text(" "), .span(.class("badge"), .text(plan.status)))
            })),
            .if(!unit.children.isEmpty, .ul(.forEach(unit.children) { unitNode($0) }))
        )
    }
}

extension HomePage {
    /// Mina uppgifter: what the signed-in person must do next, by deadline, across plans and municipalities.
    struct MyTasks {
        struct Item { let day: Day?; let what: String; let detail: String; let url: String? }
        var items: [Item]
        var reviews: [ReportingRounds.Task]
        var reminders: [(day: String, subject: String)]

        static func load(accountID: UUID, isAdministrator: Bool, on db: StoreHandle) async throws -> MyTasks {
            let today = Day(Date())
            var items: [Item] = []
            for task in try await ReportingRounds.tasks(responsible: accountID, on: db) where task.state.awaitsUnit {
                let late = task.deadline.map { today > $0 } ?? false
                items.append(Item(day: task.deadline, what: "Rapportera \(ReportingRounds.periodName(task.period).lowercased()): \(task.unitName)",
                                  detail: "\(task.state.label)\(late ? ", sista dagen har passerat" : ""). \(task.gaps.summary)."
                                      + (task.state == .returned ? " Återremitterad: \(task.comment ?? "")" : ""),
                                  url: SiteURL.reportingTask(id: task.id.uuidString).path))
            }
            let horizon = today.adding(days: 60)
            for event in try await PersonalSettings.deadlines(accountID: accountID, years: [today.year, today.year + 1], on: db)
            where event.kind != .reportingDeadline && event.day >= today && event.day <= horizon {
                items.append(Item(day: event.day, what: "\(event.kind.label): \(event.title)", detail: "", url: event.planID.map { SiteURL.plan(id: $0).path }))
            }
            let far = Day(year: 2200, month: 1, day: 1)!
            items.sort { ($0.day ?? far, $0.what) < ($1.day ?? far, $1.what) }
            let reviews = isAdministrator ? try await ReportingRounds.awaitingReview(on: db) : []
            let reminders = try await Reminders.recent(accountID: accountID, days: 7, today: today, on: db)
                .filter { $0.status == Reminders.Status.inApp.rawValue }.map { ($0.day, $0.subject) }
            return MyTasks(items: Array(items.prefix(30)), reviews: reviews, reminders: reminders)
        }

        static func view(_ tasks: MyTasks) -> Node<HTML.BodyContext> {
            .section(.class("my-tasks"), .attribute(named: "aria-labelledby", value: "mina-uppgifter"),
                .h1(.id("mina-uppgifter"), "Mina uppgifter"),
                .if(!tasks.reminders.isEmpty, .div(.class("notice"), .attribute(named: "role", value: "note"),
                    .ul(.forEach(tasks.reminders) { .li(.strong(.text("Påminnelse \($0.day): ")), .text($0.subject)) }))),
                .if(tasks.items.isEmpty && tasks.reviews.isEmpty, .p("Du har inget att göra just nu.")),
                .if(!tasks.items.isEmpty, .ol(.class("task-list"), .forEach(tasks.items) { item in
                    .li(.span(.class("due"), .text(item.day.map { "\($0)" } ?? "Inget datum")), .text(" "),
                        .unwrap(item.url, { .a(.href($0), .text(item.what)) }, else: .text(item.what)),
                        .if(!item.detail.isEmpty, .span(.class("hint"), .text(" – " + item.detail))))
                })),
                .if(!tasks.reviews.isEmpty, .group(
                    .h2("Att granska"),
                    .ul(.forEach(tasks.reviews) { task in
                        .li(.a(.href(SiteURL.reportingTask(id: task.id.uuidString).path),
                               .text("\(ReportingRounds.periodName(task.period)): \(task.unitName)")), .text(" – klar sedan \(Day(task.updatedAt))"))
                    }))))
        }
    }
}
