import Base
import Context
import Lint
import Rendering

/// `gym fix --verify`'s measurements, before and after, for a person or as JSON.
public enum FixVerificationReporter {
    public static func text(_ verification: FixVerification) -> String {
        let before = verification.before
        func size(_ value: Int64?) -> String { value.map(ByteCount.text) ?? "?" }
        func rebuild(_ measure: VariantMeasure) -> String {
            guard let seconds = measure.rebuildSeconds, let steps = measure.rebuildStepsRun else { return "-" }
            return String(format: "%.1f s, %d step%@ ran", seconds, steps, steps == 1 ? "" : "s")
        }
        func run(_ outcome: RunOutcome) -> String {
            outcome.exitCode.map { "exit \($0)" } ?? "still running after \(RunOutcome.limit) s"
        }
        let comparison: String
        switch before.run.comparison {
        case .exact: comparison = ""
        case .numbersIgnored: comparison = " (its output's numbers differ from run to run: compared without them)"
        case .exitCodeOnly: comparison = " (its output differs from run to run: the exit code alone is compared)"
        }
        var rows: [(String, String, String)] = [
            ("image size", size(before.sizeBytes), verification.after.map { size($0.sizeBytes) } ?? "-"),
            ("layers", "\(before.layers)", verification.after.map { "\($0.layers)" } ?? "-"),
            ("wasted bytes", size(before.wastedBytes), verification.after.map { size($0.wastedBytes) } ?? "-"),
        ]
        if let file = before.editedFile {
            rows.append(("rebuild after editing \(file)", rebuild(before), verification.after.map(rebuild) ?? "-"))
        }
        rows.append(("default command", run(before.run), verification.after.map { run($0.run) } ?? "-"))
        let width = rows.map(\.0.count).max() ?? 0
        let column = max(rows.map(\.1.count).max() ?? 0, 6)
        var lines = [
            "\("".padding(toLength: width, withPad: " ", startingAt: 0))  \("before".padding(toLength: column, withPad: " ", startingAt: 0))  after"
        ]
        for (name, old, new) in rows {
            lines.append(
                "\(name.padding(toLength: width, withPad: " ", startingAt: 0))  \(old.padding(toLength: column, withPad: " ", startingAt: 0))  \(new)"
            )
        }
        lines.append(
            verification.rollback.map { "rolled back: \($0)" }
                ?? "kept: it builds and its default command behaves the same\(comparison)")
        for withdrawn in verification.withdrawn ?? [] {
            lines.append("  without \(withdrawn.fix): with it, \(withdrawn.reason)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func json(_ verification: FixVerification) throws(RenderingError) -> String {
        try JSONText.encode(verification) + "\n"
    }
}

extension FixVerificationReporter {
    /// `gym fix`'s report of the file with the measurements beside it, in one object.
    struct Report: Encodable {
        var fix: FixReporter.Report
        var verification: FixVerification?
        var kept: Bool

        enum Keys: String, CodingKey { case verification, kept }

        func encode(to encoder: any Encoder) throws {
            try fix.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(verification, forKey: .verification)
            try container.encode(kept, forKey: .kept)
        }
    }

    /// `gym fix --verify --format json`: the fix and its measurements in one object.
    public static func json(_ outcome: FixOutcome, verification: FixVerification?) throws(RenderingError) -> String {
        try JSONText.encode(
            Report(fix: FixReporter.Report(outcome), verification: verification, kept: verification?.rollback == nil))
            + "\n"
    }
}
