import Testing

@testable import Report

/// The charts' axes: distinct round ticks, whole numbers for counts, labels with the step's decimals.
struct AxisTests {
    static func ticks(_ maximum: Double, integral: Bool) -> [String] {
        let (top, step) = SVGChart.scale(maximum, integral: integral)
        return stride(from: 0.0, through: top + step / 2, by: step).map { SVGChart.tickText($0, step: step) }
    }

    @Test(arguments: [
        (2.0, true, ["0", "1", "2"]), (50.0, true, ["0", "20", "40", "60"]), (3.0, true, ["0", "1", "2", "3"]),
        (0.0, true, ["0", "1", "2", "3", "4"]), (9.0, true, ["0", "5", "10"]),
        (125.0, true, ["0", "50", "100", "150"]),
        (1.0, false, ["0", "0.25", "0.5", "0.75", "1"]), (6.4, false, ["0", "2", "4", "6", "8"]),
        (100.0, false, ["0", "25", "50", "75", "100"]), (0.3, false, ["0", "0.1", "0.2", "0.3"]),
        (18.0, false, ["0", "5", "10", "15", "20"]),
    ])
    func ticksAreDistinctAndRound(maximum: Double, integral: Bool, expected: [String]) {
        let found = Self.ticks(maximum, integral: integral)
        #expect(found == expected, "\(maximum): \(found)")
        #expect(Set(found).count == found.count)
    }

    @Test func theChartsWriteTheirTicks() {
        let stacked = SVGChart.stacked(
            title: "t", unit: "findings", categories: ["a"],
            series: [SVGChart.Series(name: "HIGH", values: [2], color: "#c00")])
        #expect(stacked.contains(">1</text>") && !stacked.contains(">0.5</text>"))
        let bars = SVGChart.bars(
            title: "t", unit: "%", categories: ["a"],
            series: [SVGChart.Series(name: "x", values: [100], color: "#00c")],
            tickSuffix: "%")
        #expect(bars.contains(">75%</text>"))
    }
}
