/// Swedish names and texts for the synthetic municipality, built from parts so that 25 000
/// indicators and 10 000 activities read like a municipality's and are as long as the seeds' are.
enum Names {
    static let committees = [
        "Förskolenämnden", "Grundskolenämnden", "Utbildningsnämnden", "Äldre samt vård- och omsorgsnämnden",
        "Socialnämnden Centrum", "Socialnämnden Hisingen", "Socialnämnden Nordost", "Socialnämnden Sydväst",
        "Nämnden för funktionsstöd", "Nämnden för arbetsmarknad och vuxenutbildning", "Kulturnämnden",
        "Idrotts- och föreningsnämnden", "Stadsbyggnadsnämnden", "Byggnadsnämnden", "Miljö- och klimatnämnden",
        "Trafiknämnden", "Park- och naturnämnden", "Fastighetsnämnden", "Exploateringsnämnden", "Kretslopp- och vattennämnden",
        "Lokalnämnden", "Nämnden för demokrati och medborgarservice", "Nämnden för Intraservice", "Servicenämnden",
        "Överförmyndarnämnden", "Valnämnden", "Nämnden för konsument- och medborgarservice", "Kommunstyrelsens arbetsutskott",
        "Krisledningsnämnden", "Social resursnämnd",
    ]
    static let districts = [
        "Angered", "Askim", "Backa", "Biskopsgården", "Bergsjön", "Frölunda", "Gamlestaden", "Guldheden", "Hammarkullen",
        "Högsbo", "Johanneberg", "Kortedala", "Kviberg", "Lindholmen", "Lundby", "Majorna", "Masthugget", "Torslanda",
        "Tynnered", "Västra Frölunda", "Älvsborg", "Örgryte", "Härlanda", "Kärra", "Rannebergen", "Styrsö", "Tuve",
        "Säve", "Önnered", "Linnéstaden",
    ]
    static func committee(_ c: Int) -> String {
        c < committees.count ? committees[c] : "Stadsdelsnämnden \(districts[c % districts.count])"
    }
    static func administration(_ c: Int) -> String {
        let name = committee(c)
        if name.hasSuffix("nämnden") { return String(name.dropLast("nämnden".count)) + "förvaltningen" }
        return "Förvaltningen för " + name.lowercased()
    }
    static let unitKinds = ["Förskoleområde", "Grundskola", "Hemtjänstgrupp", "Boende", "Enheten för", "Sektion", "Avdelning", "Verksamhetsområde"]
    static let unitTopics = ["stöd och omsorg", "myndighetsutövning", "ekonomi", "kvalitet och utveckling", "lokalförsörjning", "bygglov",
                             "tillsyn", "kommunikation", "HR", "digitalisering", "förebyggande arbete", "mottagning"]
    static func unit(_ u: Int, committee c: Int) -> String {
        let kind = unitKinds[(u + c) % unitKinds.count]
        let place = districts[(u * 7 + c) % districts.count]
        if kind == "Enheten för" { return "Enheten för \(unitTopics[u % unitTopics.count]) \(place) \(u % 5 + 1)" }
        return "\(kind) \(place) \(u % 9 + 1)"
    }

    static let goalAreas: [(name: String, text: String)] = [
        ("En jämlik stad", "Staden ska minska skillnaderna i livsvillkor mellan stadens delar och mellan grupper av invånare."),
        ("En stad för barn och unga", "Alla barn och unga ska få en god start i livet, en likvärdig utbildning och en meningsfull fritid."),
        ("En hållbar och växande stad", "Staden ska växa på ett sätt som är ekologiskt, socialt och ekonomiskt hållbart."),
        ("En effektiv och attraktiv organisation", "Staden ska vara en attraktiv arbetsgivare och använda resurserna effektivt."),
    ]
    static let councilGoals = [
        "Skillnaderna i hälsa och livsvillkor mellan stadens delar ska minska",
        "Fler invånare ska vara självförsörjande genom arbete eller studier",
        "Invånarna ska känna sig trygga i hela staden",
        "Barn och unga ska ha goda uppväxtvillkor och en trygg skolgång",
        "Fler elever ska nå kunskapskraven och gå vidare till studier eller arbete",
        "Barn och unga ska ha tillgång till en meningsfull fritid",
        "Stadens klimatpåverkan ska minska i linje med klimatprogrammet",
        "Bostadsbyggandet ska möta behoven i alla delar av staden",
        "Staden ska vara tillgänglig för alla, oavsett funktionsförmåga",
        "Staden ska ha en ekonomi i balans och använda resurserna effektivt",
        "Staden ska vara en attraktiv arbetsgivare med hållbara arbetsvillkor",
        "Invånarna ska ha förtroende för stadens service och myndighetsutövning",
    ]
    static func councilGoal(_ g: Int) -> String { councilGoals[g % councilGoals.count] }

    static let goalSubjects = ["Barn och unga", "Äldre", "Personer med funktionsnedsättning", "Nyanlända", "Invånarna", "Medarbetarna",
                               "Elever i grundskolan", "Brukare i hemtjänsten", "Företagare", "Föreningar", "Vårdnadshavare", "Hyresgäster"]
    static let goalPredicates = ["ska uppleva ett gott bemötande", "ska få stöd i rätt tid", "ska ha inflytande över sin vardag",
                                 "ska känna sig trygga", "ska få en likvärdig service i hela staden", "ska ha goda förutsättningar att nå sina mål",
                                 "ska ha tillgång till en hälsosam miljö", "ska kunna delta i stadens kultur- och fritidsliv",
                                 "ska ha en god arbetsmiljö", "ska få beslut inom lagstadgad tid"]
    static func committeeGoal(_ n: Int) -> String {
        "\(goalSubjects[n % goalSubjects.count]) \(goalPredicates[(n / goalSubjects.count) % goalPredicates.count])"
    }
    static let unitGoalMeans = ["genom ett strukturerat systematiskt kvalitetsarbete", "genom tätare samverkan med vårdnadshavare",
                                "genom digitala tjänster som är lätta att använda", "genom kompetensutveckling för all personal",
                                "genom uppföljning av varje insats", "genom samverkan med civilsamhället"]
    static func unitGoal(_ n: Int) -> String { "\(committeeGoal(n)) \(unitGoalMeans[n % unitGoalMeans.count])" }

    static let indicatorSubjects = ["brukare som är nöjda med", "elever som känner sig trygga i", "invånare som är nöjda med",
                                    "ärenden med beslut inom tre månader inom", "medarbetare som rekommenderar", "vårdnadshavare som är nöjda med",
                                    "genomförda kontroller inom", "sjukfrånvaro bland medarbetarna inom", "barn som deltar i", "besökare som är nöjda med"]
    static let indicatorObjects = ["hemtjänsten", "förskolan", "skolan", "biblioteken", "fritidsverksamheten", "boendet", "bygglovshandläggningen",
                                   "livsmedelstillsynen", "daglig verksamhet", "ekonomiskt bistånd", "kollektivtrafiken", "parkerna", "simhallarna",
                                   "kulturskolan", "kundtjänsten"]
    static func indicator(_ n: Int) -> String {
        "Andel \(indicatorSubjects[n % indicatorSubjects.count]) \(indicatorObjects[(n / indicatorSubjects.count) % indicatorObjects.count]) (%)"
    }

    static let activityVerbs = ["Ta fram och införa", "Genomföra", "Utveckla", "Följa upp", "Utreda", "Samordna", "Pröva"]
    static let activityObjects = ["en handlingsplan för ökad trygghet", "rutiner för tidiga insatser", "ett gemensamt arbetssätt för uppföljning av insatser",
                                  "digital signering av beslut", "kompetensutveckling i motiverande samtal", "en modell för brukarinflytande",
                                  "samverkan med skola och socialtjänst", "en lokalförsörjningsplan", "e-tjänster för ansökan",
                                  "ett program för hälsofrämjande arbetsplatser", "en översyn av resursfördelningen"]
    static let activityClauses = ["i samverkan med berörda förvaltningar", "inom ramen för befintlig budget", "med stöd av stadens utvecklingsenhet",
                                  "så att effekten kan redovisas i delårsrapporten", "med särskilt fokus på stadens nordöstra delar"]
    static func activity(_ n: Int) -> String {
        let verb = activityVerbs[n % activityVerbs.count]
        let object = activityObjects[(n / activityVerbs.count) % activityObjects.count]
        let clause = activityClauses[(n / 77) % activityClauses.count]
        return n % 3 == 0 ? "\(verb) \(object) \(clause)." : "\(verb) \(object) \(clause). Arbetet redovisas för nämnden i samband med tertialuppföljningen."
    }

    static let riskAreas = ["Ekonomi", "Personal", "Myndighetsutövning", "Informationssäkerhet", "Upphandling", "Verksamhet"]
    static let processes = ["Fakturahantering", "Rekrytering", "Handläggning av ansökningar", "Behörighetsstyrning", "Avtalsuppföljning",
                            "Hantering av synpunkter och klagomål", "Löneutbetalning", "Dokumenthantering", "Delegationsbeslut"]
    static let risks = ["Felaktiga utbetalningar görs utan att upptäckas", "Beslut fattas utan stöd i delegationsordningen",
                        "Personuppgifter hanteras i strid med dataskyddsförordningen", "Inköp görs utanför avtal",
                        "Handläggningstiderna överskrider lagstadgad tid", "Kompetens saknas för att bemanna verksamheten"]
    static let controls = ["Stickprov på attesterade fakturor", "Kontroll av att beslut fattats av rätt delegat",
                           "Genomgång av behörigheter i verksamhetssystemen", "Uppföljning av inköp mot avtal",
                           "Mätning av handläggningstider per månad", "Genomgång av bemanningsplaner"]
    static func riskArea(_ n: Int) -> String { riskAreas[n % riskAreas.count] }
    static func process(_ n: Int) -> String { processes[n % processes.count] }
    static func risk(_ n: Int) -> String { risks[n % risks.count] }
    static func control(_ n: Int) -> String { controls[n % controls.count] }

    static let activityAreas = ["Förskola", "Grundskola", "Fritidshem", "Gymnasieskola", "Vuxenutbildning", "Hemtjänst", "Särskilt boende",
                                "Boendestöd", "Daglig verksamhet", "Individ- och familjeomsorg", "Ekonomiskt bistånd", "Kultur", "Bibliotek",
                                "Idrott och fritid", "Park och natur", "Gator och trafik", "Bygglov", "Miljötillsyn", "Lokaler", "Administration",
                                "Nämnd och styrelse", "Kommunikation", "Överförmyndare", "Arbetsmarknadsåtgärder", "Integration"]
    static func activityArea(_ n: Int) -> String {
        let area = activityAreas[n % activityAreas.count]
        let part = n / activityAreas.count % 2 == 0 ? "" : ", \(districts[n % districts.count])"
        return "\(area)\(part) \(n % 50 + 1)"
    }

    static let sentences = [
        "Arbetet utgår från stadens budget och de prioriteringar som kommunfullmäktige har beslutat.",
        "Uppföljningen sker i tertialrapporterna och i årsrapporten, och resultatet analyseras per stadsdel.",
        "Nämnden ska särskilt följa utvecklingen för de grupper som har sämst förutsättningar i dag.",
        "Måluppfyllelsen bedöms utifrån indikatorerna och verksamhetens egen analys av resultatet.",
        "Samverkan med andra nämnder, regionen och civilsamhället är en förutsättning för att nå målet.",
        "Resultaten ska kunna jämföras med andra storstäder genom nationellt etablerade nyckeltal.",
    ]
    static func paragraph(sentences count: Int, seed: Int) -> String {
        (0..<count).map { sentences[(seed + $0 * 5) % sentences.count] }.joined(separator: " ")
    }
}
