import Bench
import Foundation

/// The tty tables of `gym bench`: one Dockerfile, or two side by side with ratios.
enum BenchTable {
    static func seconds(_ value: Double?) -> String { value.map { String(format: "%.2fs", $0) } ?? "-" }

    static func render(_ results: [[ScenarioResult]], builder: String) -> String {
        var lines: [String] = []
        if results.count == 2 {
            let (a, b) = (results[0], results[1])
            lines.append("A: \(a.first?.dockerfile ?? "")")
            lines.append("B: \(b.first?.dockerfile ?? "")   (builder: \(builder))")
            lines.append(row(["scenario", "A wall", "A cached/run", "B wall", "B cached/run", "A/B"]))
            for (x, y) in zip(a, b) {
                let ratio =
                    (x.wallSeconds != nil && y.wallSeconds != nil && y.wallSeconds! > 0)
                    ? String(format: "%.1fx", x.wallSeconds! / y.wallSeconds!) : "-"
                lines.append(
                    row([
                        x.scenario.rawValue, seconds(x.wallSeconds), counts(x), seconds(y.wallSeconds), counts(y),
                        ratio,
                    ]))
            }
            return lines.joined(separator: "\n")
        }
        for set in results {
            lines.append("\(set.first?.dockerfile ?? "")   (builder: \(builder))")
            lines.append(row(["scenario", "wall", "cached/run", "hit ratio", "slowest steps"]))
            for result in set {
                if let skipped = result.skipped {
                    lines.append(row([result.scenario.rawValue, "-", "-", "-", "skipped: \(skipped)"]))
                    continue
                }
                let slow = result.slowest(2).map { "\($0.name.prefix(48)) (\(String(format: "%.1fs", $0.seconds)))" }
                    .joined(separator: ", ")
                lines.append(
                    row([
                        result.scenario.rawValue, seconds(result.wallSeconds), counts(result),
                        result.cacheHitRatio.map { String(format: "%.0f%%", $0 * 100) } ?? "-", slow,
                    ]))
            }
        }
        return lines.joined(separator: "\n")
    }

    static func counts(_ result: ScenarioResult) -> String {
        guard let m = result.median else { return "-" }
        return "\(m.stepsCached)/\(m.stepsExecuted)"
    }

    static func row(_ cells: [String]) -> String {
        let widths = [10, 10, 13, 10, 13, 8]
        return cells.enumerated().map { i, cell in
            i < widths.count && i < cells.count - 1
                ? cell.padding(toLength: max(widths[i], cell.count + 1), withPad: " ", startingAt: 0) : cell
        }.joined()
    }
}
