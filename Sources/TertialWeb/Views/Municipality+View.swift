import Plot
import TertialCore
import TertialKolada
import TertialStore
import Vapor

/// The pages of `MunicipalityController`: HTML only (the handlers, in Controllers/, read the request and the store).
extension MunicipalityController {
    static func page(_ req: Request, _ municipality: MunicipalityModel, error: String?, chosen: [String]? = nil, kolada: [String: String] = [:]) -> PageShell {
        let current = chosen ?? municipality.followUpPeriods ?? FollowUpPeriod.standard.map(\.rawValue)
        return PageShell(title: municipality.name, breadcrumbs: [Breadcrumb(title: "Start", url: .home), Breadcrumb(title: "Konton", url: .accounts),
                                                                  Breadcrumb(title: municipality.name, url: nil)],
                         context: req.pageContext, content: .div(
            .h1(.text("Inställningar för \(municipality.name)")),
            .if(req.query[Int.self, at: "sparat"] != nil, .p(.class("notice"), .attribute(named: "role", value: "status"), .text("Inställningarna är sparade."))),
            .unwrap(error) { .p(.class("error"), .attribute(named: "role", value: "alert"), .text($0)) },
            .p(.a(.href(SiteURL.municipalityPeriods(id: municipality.id!).path), .text("Stängda perioder: stäng en period för rapportering eller öppna en enhets del igen"))),
            .form(.method(.post), .action(SiteURL.municipality(id: municipality.id!).path),
                Forms.csrf(req.pageContext),
                .fieldset(.element(named: "legend", text: "Perioder som följs upp"),
                    .p(.class("hint"), .text("Rapportörer väljer bland dessa när de rapporterar utfall och bedömer målen.")),
                    .forEach(choices) { key, label in AccountsController.checkbox("p.\(key)", label, current.contains(key)) }),
                .fieldset(.element(named: "legend", text: "Målnivåernas namn"),
                    .p(.class("hint"), .text("Så som kommunen kallar målen i sina planer och rapporter, till exempel \"Verksamhetsmål\". Tomt: Tertials namn.")),
                    .forEach(GoalLevel.allCases) { level in
                        Forms.field("m.\(level.rawValue)", label: level.label, value: kolada["m.\(level.rawValue)"] ?? municipality.goalLevelLabels?[level.rawValue] ?? "",
                                    hint: "Tertials namn: \(level.label)")
                    }),
                .fieldset(.element(named: "legend", text: "Jämförelser i Kolada"),
                    .p(.class("hint"), .text("Indikatorer som är kopplade till ett nyckeltal i Kolada jämförs med dessa kommuner, gruppens medel och riket. Källa: Kolada.")),
                    Forms.field("k.code", label: "Kommunens kod i Kolada", value: kolada["k.code"] ?? "", hint: "Fyra siffror, till exempel 0582"),
                    Forms.field("k.comparisons", label: "Jämförelsekommuner", value: kolada["k.comparisons"] ?? "", hint: "Koder åtskilda med komma"),
                    Forms.field("k.group", label: "Kommungrupp i Kolada (valfri)", value: kolada["k.group"] ?? "", hint: "Gruppens id, till exempel för Liknande kommuner")),
                .button(.type(.submit), .class("primary"), .text("Spara inställningar")))
        ))
    }
}
