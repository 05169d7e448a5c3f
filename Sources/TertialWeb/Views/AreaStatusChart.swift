import TertialDocuments
import Foundation
import TertialCore

/// A server-drawn SVG: one bar per goal area, split by how many of its goals are met, partly met,
/// not met and not assessable. Each segment is labelled with its count; colours are paired with the
/// legend's words and symbols, and the same figures stand in a table beside it.
enum AreaStatusChart {
    /// Goals per goal area and status (goals without an area under "Övriga mål"); areas without goals left out.
    static func rows(_ plan: Plan, effective: [String: Attainment]) -> [(area: String, counts: [Attainment: Int])] {
        func counts(_ goals: [Goal]) -> [Attainment: Int] {
            Dictionary(grouping: goals, by: { effective[$0.id] ?? .notAssessable }).mapValues(\.count)
        }
        var rows = plan.goalAreas.map { area in (area: area.name, counts: counts(plan.goals.filter { $0.goalAreaID == area.id })) }
        let loose = plan.goals.filter { $0.goalAreaID == nil }
        if !loose.isEmpty { rows.append((area: "Övriga mål", counts: counts(loose))) }
        return rows.filter { !$0.counts.isEmpty }
    }

    static let colours: [Attainment: String] = [.met: "#1e6b34", .partlyMet: "#b07a00", .notMet: "#a3262a", .notAssessable: "#8a969d"]

    static func svg(_ rows: [(area: String, counts: [Attainment: Int])], id rawID: String) -> String? {
        guard !rows.isEmpty, rows.contains(where: { !$0.counts.values.allSatisfy { $0 == 0 } }) else { return nil }
        let id = rawID.attributeEscaped
        let labelWidth = 220.0, barWidth = 320.0, rowHeight = 30.0, top = 8.0
        let height = top + Double(rows.count) * rowHeight + 34
        let maxTotal = Double(rows.map { $0.counts.values.reduce(0, +) }.max() ?? 1)
        func f(_ d: Double) -> String { String(format: "%.1f", d) }
        var parts: [String] = []
        var description: [String] = []
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let name = row.area.count > 30 ? String(row.area.prefix(29)) + "…" : row.area
            parts.append("<text x=\"\(f(labelWidth - 8))\" y=\"\(f(y + 17))\" text-anchor=\"end\" font-size=\"12\" fill=\"#1d2428\">\(name.attributeEscaped)</text>")
            var x = labelWidth
            var words: [String] = []
            for status in Attainment.allCases {
                let count = row.counts[status] ?? 0
                guard count > 0 else { continue }
                let w = barWidth * Double(count) / maxTotal
                parts.append("<rect x=\"\(f(x))\" y=\"\(f(y + 4))\" width=\"\(f(w))\" height=\"\(f(rowHeight - 10))\" fill=\"\(colours[status]!)\"/>")
                parts.append("<text x=\"\(f(x + w / 2))\" y=\"\(f(y + 18))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#fff\">\(count)</text>")
                x += w
                words.append("\(count) \(status.label.lowercased())")
            }
            description.append("\(row.area): " + (words.isEmpty ? "inga mål" : words.joined(separator: ", ")))
        }
        var legendX = labelWidth
        for status in Attainment.allCases {
            let text = "\(status.symbol) \(status.label)"
            parts.append("<rect x=\"\(f(legendX))\" y=\"\(f(height - 20))\" width=\"12\" height=\"12\" fill=\"\(colours[status]!)\"/>")
            parts.append("<text x=\"\(f(legendX + 16))\" y=\"\(f(height - 10))\" font-size=\"12\" fill=\"#1d2428\">\(text.attributeEscaped)</text>")
            legendX += 28 + Double(text.count) * 6.5
        }
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(labelWidth + barWidth + 200)) \(Int(height))" width="100%" role="img" \
        aria-labelledby="\(id)-t \(id)-d" class="chart"><title id="\(id)-t">Måluppfyllelse per målområde</title>\
        <desc id="\(id)-d">\((description.joined(separator: ". ") + ".").attributeEscaped)</desc>\(parts.joined())</svg>
        """
    }
}
