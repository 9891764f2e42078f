import Foundation

/// Bar, stacked-bar and line charts as standalone SVG documents: pure functions of their data.
public enum SVGChart {
    /// A named series of values, one per category.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        public var color: String

        public init(name: String, values: [Double], color: String) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    static let width = 720.0
    static let height = 360.0
    static let left = 64.0
    static let right = 24.0
    static let top = 48.0
    static let bottom = 72.0
    static let palette = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1"]

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The axis: a tick step of 1, 2, 2.5 or 5 times a power of ten giving at most four steps above zero
    /// (whole numbers only, for counts), and the first multiple of it at or above `maximum`.
    static func scale(_ maximum: Double, integral: Bool = false) -> (top: Double, step: Double) {
        guard maximum > 0, maximum.isFinite else { return integral ? (4, 1) : (1, 0.25) }
        let rough = maximum / 4
        let magnitude = pow(10, floor(log10(rough)))
        var step =
            [1.0, 2.0, 2.5, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= rough * (1 - 1e-9) } ?? 10 * magnitude
        if integral && step != step.rounded() {
            step = step < 1 ? 1 : [5.0, 10.0].map { $0 * magnitude }.first { $0 == $0.rounded() } ?? step.rounded(.up)
        }
        return ((maximum / step - 1e-9).rounded(.up) * step, step)
    }

    /// A tick's label: as many decimals as the step has, trailing zeros dropped (`0`, `0.25`, `0.5`).
    static func tickText(_ value: Double, step: Double) -> String {
        var decimals = 0
        while decimals < 4, abs(step * pow(10, Double(decimals)) - (step * pow(10, Double(decimals))).rounded()) > 1e-9
        {
            decimals += 1
        }
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    static func frame(
        title: String, unit: String, axisTop: Double, step: Double, suffix: String = ""
    )
        -> [String]
    {
        var lines = [
            ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(Int(width))" height="\##(Int(height))" viewBox="0 0 \##(Int(width)) \##(Int(height))" font-family="sans-serif" font-size="12">"##,
            ##"<rect width="100%" height="100%" fill="white"/>"##,
            ##"<text x="\##(number(width / 2))" y="24" text-anchor="middle" font-size="16" font-weight="bold">\##(escape(title))</text>"##,
            ##"<text x="16" y="\##(number(top + (height - top - bottom) / 2))" transform="rotate(-90 16 \##(number(top + (height - top - bottom) / 2)))" text-anchor="middle">\##(escape(unit))</text>"##,
        ]
        let plot = height - top - bottom
        var tick = 0.0
        while tick <= axisTop + step / 2 {
            let y = top + plot - plot * tick / axisTop
            lines.append(
                ##"<line x1="\##(number(left))" y1="\##(number(y))" x2="\##(number(width - right))" y2="\##(number(y))" stroke="#ddd"/>"##
            )
            lines.append(
                ##"<text x="\##(number(left - 6))" y="\##(number(y + 4))" text-anchor="end">\##(escape(tickText(tick, step: step) + suffix))</text>"##
            )
            tick += step
        }
        return lines
    }

    static func legend(_ names: [(String, String)]) -> [String] {
        var lines: [String] = []
        var x = left
        for (name, color) in names {
            lines.append(
                ##"<rect x="\##(number(x))" y="\##(number(height - 22))" width="12" height="12" fill="\##(color)"/>"##)
            lines.append(##"<text x="\##(number(x + 16))" y="\##(number(height - 12))">\##(escape(name))</text>"##)
            x += 28 + Double(name.count) * 8
        }
        return lines
    }

    /// Grouped bars: one group per category, one bar per series.
    public static func bars(
        title: String, unit: String, categories: [String], series: [Series],
        tickSuffix: String = "", format: (Double) -> String = { String(format: "%.1f", $0) }
    ) -> String {
        let maximum = series.flatMap(\.values).max() ?? 0
        let (axisTop, step) = scale(maximum)
        var lines = frame(title: title, unit: unit, axisTop: axisTop, step: step, suffix: tickSuffix)
        let plot = height - top - bottom
        let groupWidth = (width - left - right) / Double(max(categories.count, 1))
        let barWidth = groupWidth * 0.8 / Double(max(series.count, 1))
        for (c, category) in categories.enumerated() {
            let groupX = left + groupWidth * Double(c) + groupWidth * 0.1
            for (s, one) in series.enumerated() where c < one.values.count {
                let value = one.values[c]
                let barHeight = plot * value / axisTop
                let x = groupX + barWidth * Double(s)
                lines.append(
                    ##"<rect class="bar" x="\##(number(x))" y="\##(number(top + plot - barHeight))" width="\##(number(barWidth - 2))" height="\##(number(barHeight))" fill="\##(one.color)"><title>\##(escape(one.name)) \##(escape(category)): \##(escape(format(value)))</title></rect>"##
                )
                lines.append(
                    ##"<text x="\##(number(x + (barWidth - 2) / 2))" y="\##(number(top + plot - barHeight - 4))" text-anchor="middle" font-size="10">\##(escape(format(value)))</text>"##
                )
            }
            lines.append(
                ##"<text x="\##(number(groupX + groupWidth * 0.4))" y="\##(number(top + plot + 16))" text-anchor="middle">\##(escape(category))</text>"##
            )
        }
        lines += legend(series.map { ($0.name, $0.color) })
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Stacked bars: one bar per category, the series stacked in order.
    public static func stacked(title: String, unit: String, categories: [String], series: [Series]) -> String {
        let totals = categories.indices.map { c in series.reduce(0) { $0 + (c < $1.values.count ? $1.values[c] : 0) } }
        let (axisTop, step) = scale(totals.max() ?? 0, integral: true)
        var lines = frame(title: title, unit: unit, axisTop: axisTop, step: step)
        let plot = height - top - bottom
        let slot = (width - left - right) / Double(max(categories.count, 1))
        for (c, category) in categories.enumerated() {
            var base = 0.0
            let x = left + slot * Double(c) + slot * 0.2
            for one in series where c < one.values.count && one.values[c] > 0 {
                let value = one.values[c]
                let y = top + plot - plot * (base + value) / axisTop
                lines.append(
                    ##"<rect class="bar" x="\##(number(x))" y="\##(number(y))" width="\##(number(slot * 0.6))" height="\##(number(plot * value / axisTop))" fill="\##(one.color)"><title>\##(escape(category)) \##(escape(one.name)): \##(Int(value))</title></rect>"##
                )
                base += value
            }
            lines.append(
                ##"<text x="\##(number(x + slot * 0.3))" y="\##(number(top + plot - plot * base / axisTop - 4))" text-anchor="middle" font-size="10">\##(Int(base))</text>"##
            )
            lines.append(
                ##"<text x="\##(number(x + slot * 0.3))" y="\##(number(top + plot + 16))" text-anchor="middle">\##(escape(String(category.prefix(28))))</text>"##
            )
        }
        lines += legend(series.map { ($0.name, $0.color) })
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Lines: one per series, over the categories in order; a NaN value is a category the series has no
    /// point at (the line joins the points it has). At most eight category labels are written.
    public static func lines(title: String, unit: String, categories: [String], series: [Series]) -> String {
        let (axisTop, step) = scale(series.flatMap(\.values).filter { !$0.isNaN }.max() ?? 0, integral: true)
        var out = frame(title: title, unit: unit, axisTop: axisTop, step: step)
        let plot = height - top - bottom
        let span = width - left - right - 40
        func x(_ i: Int) -> Double {
            left + 20 + (categories.count <= 1 ? span / 2 : span * Double(i) / Double(categories.count - 1))
        }
        for one in series {
            let present = one.values.enumerated().filter { !$0.element.isNaN }
            let points = present.map { i, value in "\(number(x(i))),\(number(top + plot - plot * value / axisTop))" }
            out.append(
                ##"<polyline class="line" fill="none" stroke="\##(one.color)" stroke-width="2" points="\##(points.joined(separator: " "))"/>"##
            )
            for (i, value) in present {
                out.append(
                    ##"<circle cx="\##(number(x(i)))" cy="\##(number(top + plot - plot * value / axisTop))" r="3" fill="\##(one.color)"><title>\##(escape(one.name)) \##(escape(categories[i])): \##(Int(value))</title></circle>"##
                )
            }
        }
        let every = max(1, Int((Double(categories.count) / 8).rounded(.up)))
        for (i, category) in categories.enumerated() where i % every == 0 || i == categories.count - 1 {
            out.append(
                ##"<text x="\##(number(x(i)))" y="\##(number(top + plot + 16))" text-anchor="middle" font-size="10">\##(escape(category))</text>"##
            )
        }
        out += legend(series.map { ($0.name, $0.color) })
        out.append("</svg>")
        return out.joined(separator: "\n") + "\n"
    }
}
