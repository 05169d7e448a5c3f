import Foundation
import TertialCore

/// A server-drawn SVG of an indicator's history against its targets: outcomes as a solid line,
/// forecasts as open circles, targets as dashed marks (a band for a range), one line per gender
/// when broken down. No script, no inline style (the CSP forbids both): presentation attributes only.
/// Every chart carries a title and a description that say in words what it shows.
public enum IndicatorChart {
    struct Point { let x: Int; let y: Decimal; let label: String }

    static let width = 560.0, height = 262.0
    static let left = 56.0, right = 16.0, top = 16.0, bottom = 58.0
    static let series: [(Gender, String)] = [(.total, "#0b5a8a"), (.women, "#8a3b8f"), (.men, "#1e6b34")]

    /// The yearly figures and the targets a chart draws; nil when there is nothing to draw (fewer
    /// than two numbers, or no figure at all).
    static func plotted(_ indicator: Indicator) -> (numbers: [(ValueEntry, Decimal)], targets: [(Int, Decimal, Decimal?, String)])? {
        let numbers = indicator.values.compactMap { value -> (ValueEntry, Decimal)? in
            guard value.period.part == .year, let n = value.value.number else { return nil }
            return (value, n)
        }
        let targets = indicator.targets.compactMap { year, target -> (Int, Decimal, Decimal?, String)? in
            switch target.form {
            case .comparison(_, let v), .level(let v), .shareWithin(let v, _, _): return (year, v, nil, target.text)
            case .range(let low, let high): return (year, low, high, target.text)
            default: return nil
            }
        }.sorted { $0.0 < $1.0 }
        guard numbers.count + targets.count >= 2, !numbers.isEmpty else { return nil }
        return (numbers, targets)
    }

    /// nil when there is nothing to draw (fewer than two numbers).
    public static func svg(_ indicator: Indicator, id rawID: String) -> String? {
        let id = rawID.attributeEscaped
        guard let (numbers, targets) = plotted(indicator) else { return nil }

        let years = Set(numbers.map { $0.0.period.year } + targets.map(\.0)).sorted()
        let allY = numbers.map(\.1) + targets.flatMap { [$0.1] + ($0.2.map { [$0] } ?? []) }
        var minY = allY.min()!, maxY = allY.max()!
        if minY > 0 && minY < maxY / 2 { minY = 0 }
        if minY == maxY { minY -= 1; maxY += 1 }
        let span = maxY - minY
        minY -= span * Decimal(string: "0.1")!; maxY += span * Decimal(string: "0.1")!
        if minY < 0 && allY.allSatisfy({ $0 >= 0 }) { minY = 0 }

        func x(_ year: Int) -> Double {
            let i = Double(years.firstIndex(of: year) ?? 0)
            return years.count == 1 ? (left + width - right) / 2 : left + i * (width - left - right) / Double(years.count - 1)
        }
        func y(_ value: Decimal) -> Double {
            let fraction = NSDecimalNumber(decimal: (value - minY) / (maxY - minY)).doubleValue
            return top + (1 - fraction) * (height - top - bottom)
        }
        func f(_ d: Double) -> String { String(format: "%.1f", d) }

        var parts: [String] = []
        // Axes: four grid lines with Swedish numbers, and the years.
        for step in 0...3 {
            let value = minY + (maxY - minY) * Decimal(step) / 3
            let yy = y(value)
            parts.append("<line x1=\"\(f(left))\" y1=\"\(f(yy))\" x2=\"\(f(width - right))\" y2=\"\(f(yy))\" stroke=\"#c9d1d6\" stroke-width=\"1\"/>")
            parts.append("<text x=\"\(f(left - 6))\" y=\"\(f(yy + 4))\" text-anchor=\"end\" font-size=\"12\" fill=\"#4d5a61\">\(SwedishNumber.format(value, decimals: indicator.decimals).attributeEscaped)</text>")
        }
        for year in years {
            parts.append("<text x=\"\(f(x(year)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4d5a61\">\(year)</text>")
        }
        // Targets.
        for (year, low, high, _) in targets {
            if let high {
                parts.append("<rect x=\"\(f(x(year) - 12))\" y=\"\(f(y(high)))\" width=\"24\" height=\"\(f(max(1, y(low) - y(high))))\" fill=\"#f2b705\" fill-opacity=\"0.35\" stroke=\"#8a5a00\" stroke-dasharray=\"4 3\"/>")
            } else {
                parts.append("<line x1=\"\(f(x(year) - 14))\" y1=\"\(f(y(low)))\" x2=\"\(f(x(year) + 14))\" y2=\"\(f(y(low)))\" stroke=\"#8a5a00\" stroke-width=\"3\" stroke-dasharray=\"5 3\"/>")
            }
        }
        // Outcomes and forecasts, per gender.
        for (gender, colour) in series {
            let outcomes = numbers.filter { $0.0.gender == gender && $0.0.kind == .outcome }.sorted { $0.0.period < $1.0.period }
            if outcomes.count > 1 {
                let points = outcomes.map { "\(f(x($0.0.period.year))),\(f(y($0.1)))" }.joined(separator: " ")
                parts.append("<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(gender == .total ? "" : " stroke-dasharray=\"2 2\"")/>")
            }
            for (value, number) in outcomes {
                parts.append("<circle cx=\"\(f(x(value.period.year)))\" cy=\"\(f(y(number)))\" r=\"4\" fill=\"\(colour)\"/>")
            }
            for (value, number) in numbers where value.gender == gender && value.kind == .forecast {
                parts.append("<circle cx=\"\(f(x(value.period.year)))\" cy=\"\(f(y(number)))\" r=\"5\" fill=\"#fff\" stroke=\"\(colour)\" stroke-width=\"2\"/>")
            }
        }
        // Legend: what each mark means, in words beside it.
        var legend: [(String, String)] = []
        for (gender, colour) in series where numbers.contains(where: { $0.0.gender == gender }) {
            legend.append(("<line x1=\"0\" y1=\"-4\" x2=\"18\" y2=\"-4\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(gender == .total ? "" : " stroke-dasharray=\"2 2\"")/>", "Utfall " + gender.label.lowercased()))
        }
        if numbers.contains(where: { $0.0.kind == .forecast }) {
            legend.append(("<circle cx=\"9\" cy=\"-4\" r=\"5\" fill=\"#fff\" stroke=\"#0b5a8a\" stroke-width=\"2\"/>", "Prognos"))
        }
        if !targets.isEmpty {
            legend.append(("<line x1=\"0\" y1=\"-4\" x2=\"18\" y2=\"-4\" stroke=\"#8a5a00\" stroke-width=\"3\" stroke-dasharray=\"5 3\"/>", "Mål"))
        }
        var legendX = left
        for (mark, text) in legend {
            parts.append("<g transform=\"translate(\(f(legendX)) \(f(height - 10)))\">\(mark)<text x=\"24\" y=\"0\" font-size=\"12\" fill=\"#1d2428\">\(text.attributeEscaped)</text></g>")
            legendX += 34 + Double(text.count) * 6.5
        }
        let title = "Diagram: \(indicator.name)"
        let description = describe(indicator, numbers: numbers, targets: targets.map { ($0.0, $0.3) })
        return """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" width="100%" role="img" \
        aria-labelledby="\(id)-t \(id)-d" class="chart"><title id="\(id)-t">\(title.attributeEscaped)</title>\
        <desc id="\(id)-d">\(description.attributeEscaped)</desc>\(parts.joined())</svg>
        """
    }

    /// The chart in words: every figure and target, so nothing depends on seeing it.
    static func describe(_ indicator: Indicator, numbers: [(ValueEntry, Decimal)], targets: [(Int, String)]) -> String {
        var sentences: [String] = []
        for (gender, _) in series {
            let mine = numbers.filter { $0.0.gender == gender }.sorted { ($0.0.period, $0.0.kind.rawValue) < ($1.0.period, $1.0.kind.rawValue) }
            guard !mine.isEmpty else { continue }
            let items = mine.map { "\($0.0.kind.label.lowercased()) \($0.0.period.year): \(SwedishNumber.formatNatural($0.1))" }
            sentences.append("\(gender.label): " + items.joined(separator: ", "))
        }
        if !targets.isEmpty { sentences.append("Mål: " + targets.map { "\($0.0): \($0.1)" }.joined(separator: ", ")) }
        return sentences.joined(separator: ". ") + "."
    }
}

extension IndicatorChart {
    /// The chart as data (for a native Word chart) together with how to draw its SVG (for HTML and PDF).
    /// nil when there is nothing to draw, as for `svg`.
    public static func chart(_ indicator: Indicator, id: String) -> Chart? {
        guard let (numbers, _) = plotted(indicator) else { return nil }
        var byYear: [Int: [String: Decimal]] = [:]
        for value in indicator.values where value.period.part == .year {
            guard let number = value.value.number else { continue }
            let key = value.kind == .forecast ? "Prognos" : (value.gender == .total ? "Utfall" : "Utfall \(value.gender.label.lowercased())")
            byYear[value.period.year, default: [:]][key] = number
        }
        for (year, target) in indicator.targets {
            switch target.form {
            case .comparison(_, let v), .level(let v), .shareWithin(let v, _, _), .range(let v, _): byYear[year, default: [:]]["Mål"] = v
            default: continue
            }
        }
        let years = byYear.keys.sorted()
        let names = ["Utfall", "Utfall kvinnor", "Utfall män", "Prognos", "Mål"].filter { name in years.contains { byYear[$0]?[name] != nil } }
        let series = names.map { name in
            Chart.Series(name: name, values: years.map { byYear[$0]?[name] }, dashed: name == "Mål" || name == "Prognos")
        }
        let description = describe(indicator, numbers: numbers, targets: indicator.targets.sorted { $0.key < $1.key }.map { ($0.key, $0.value.text) })
        // The SVG is drawn only when a renderer asks for it (HTML, PDF), not for Word.
        return Chart(title: "Diagram: \(indicator.name)", description: description, categories: years.map(String.init), series: series,
                     svg: .indicator(indicator, id: id))
    }
}
