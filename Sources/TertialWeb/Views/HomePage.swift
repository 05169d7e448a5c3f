import Plot
import TertialCore
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
            let name: String
            let roots: [UnitNode]
        }
        let municipalities: [MunicipalityNode]

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
                return MunicipalityNode(name: entry.municipality.name, roots: (children[""] ?? []).map(node))
            }
        }
    }

    static func view(_ model: Model, context: PageContext = .anonymous) -> PageShell {
        PageShell(title: "Kommuner och planer", breadcrumbs: [], context: context, content: .div(
            .h1("Kommuner och planer"),
            .if(model.municipalities.isEmpty, .p("Databasen innehåller ännu ingen kommun. Importera en plan med tertial import.")),
            .forEach(model.municipalities) { municipality in
                .section(
                    .h2(.text(municipality.name)),
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
