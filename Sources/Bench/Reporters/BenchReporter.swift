import Foundation
import Rendering

/// `gym bench`'s views of its results: the tables for a terminal (one Dockerfile, or two side by side with
/// ratios), JSON, and a line of progress per event while the builds run.
public enum BenchReporter {
    static func seconds(_ value: Double?) -> String { value.map { String(format: "%.2fs", $0) } ?? "-" }

    /// One JSON object per scenario result.
    public static func json(_ results: [ScenarioResult]) throws(RenderingError) -> String {
        try JSONText.encode(results.map(Entry.init))
    }

    /// A line for the terminal while `dockerfile` builds; steps only when `stepByStep`.
    public static func progress(_ event: BenchEvent, dockerfile: String, stepByStep: Bool) -> String? {
        switch event {
        case .buildStarted(let scenario, let run, let runs):
            return "▸ \(dockerfile) \(scenario.rawValue)\(run > 0 ? " run \(run)/\(runs)" : " (priming)")"
        case .stepFinished(let step):
            guard stepByStep else { return nil }
            let time = step.cached ? "cached" : String(format: "%.1fs", step.seconds ?? 0)
            return "    \(step.name.prefix(70))  \(time)"
        case .buildFinished(_, _, let seconds, let cached, let executed):
            return String(format: "    done in %.2fs: %d cached, %d executed", seconds, cached, executed)
        case .note(let text):
            return "  \(text)"
        }
    }

    /// The tables: one per Dockerfile, or two side by side with ratios.
    public static func text(_ results: [[ScenarioResult]], builder: String) -> String {
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

    /// The JSON shape of one scenario.
    struct Entry: Encodable {
        var dockerfile: String
        var scenario: String
        var wallSeconds: Double?
        var stepsCached: Int?
        var stepsExecuted: Int?
        var cacheHitRatio: Double?
        var runs: [Double]
        var changedFile: String?
        var skipped: String?
        var steps: [StepTiming]

        init(_ result: ScenarioResult) {
            dockerfile = result.dockerfile
            scenario = result.scenario.rawValue
            wallSeconds = result.wallSeconds
            stepsCached = result.median?.stepsCached
            stepsExecuted = result.median?.stepsExecuted
            cacheHitRatio = result.cacheHitRatio
            runs = result.runs.map(\.wallSeconds)
            changedFile = result.median?.changedFile
            skipped = result.skipped
            steps = result.median?.steps ?? []
        }
    }
}
