import TertialCore

/// The tables of the committee's other plans, the same on the web pages and in the documents:
/// premises needs, prioritised steering documents, competence needs and a strategy grid.
public enum OtherPlanTables {
    public static func premises(_ needs: [PremisesNeed]) -> Table {
        Table(name: "Lokalbehov", caption: "Lokalbehov", header: ["Behovsbeskrivning", "När", "Kategori", "Nämndens prioritering", "Motivering"],
              numericColumns: [], rows: needs.map { n in
                  Row([Cell(n.need), Cell(n.when), Cell(n.category), Cell(n.priority.map(String.init) ?? ""), Cell(n.motivation ?? "")])
              }).droppingEmptyColumns([2, 3, 4])
    }

    /// Each steering document with who adopted it, how long it applies, and its activities with their status.
    public static func steeringDocuments(_ documents: [SteeringDocument], activities: [Activity], asOf period: Period) -> Table {
        Table(name: "Prioriterade styrdokument", caption: "Prioriterade styrdokument",
              header: ["Styrdokument", "Beslutat", "Gäller till och med", "Aktiviteter"], numericColumns: [], rows: documents.map { d in
                  let mine = activities.filter { $0.links.contains(.steeringDocument(d.id)) }
                  let adopted = [d.adoptedBy, d.adopted?.description].compactMap { $0 }.joined(separator: " ")
                  return Row([Cell([d.kind.map { "\($0): " }, d.title].compactMap { $0 }.joined(), detail: d.summary), Cell(adopted),
                              Cell(d.validThrough.map(String.init) ?? ""),
                              Cell(mine.isEmpty ? "Inga aktiviteter" : mine.map { a in let s = a.status(asOf: period); return "\(a.text) (\(s.symbol) \(s.label.lowercased()))" }
                                  .joined(separator: "; "))])
              })
    }

    public static func competenceNeeds(_ needs: [CompetenceNeed]) -> Table {
        Table(name: "Kompetensbehov", caption: "Kompetensbehov och åtgärder", header: ["Behov", "Åtgärder och aktiviteter", "När"], numericColumns: [],
              rows: needs.map { n in Row([Cell(n.need), Cell(n.measures.joined(separator: "; ")), Cell(n.when ?? "")]) }).droppingEmptyColumns([2])
    }

    public static func grid(_ grid: StrategyGrid) -> Table {
        Table(name: String(grid.title.prefix(31)), caption: grid.subtitle ?? grid.title, header: grid.header, numericColumns: [],
              rows: grid.rows.map { Row($0.map { Cell($0) }) })
    }
}
