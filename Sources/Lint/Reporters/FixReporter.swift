import Rendering

/// Renders `gym fix`: the diff and what was applied, the fixes there are, or JSON.
public enum FixReporter {
    public static func diff(_ outcome: FixOutcome) -> String {
        UnifiedDiff.render(outcome.original, outcome.fixed, oldName: outcome.file, newName: outcome.file)
    }

    /// What was applied and what is left for a person, after the diff (for stderr).
    public static func summary(_ outcome: FixOutcome, written: Bool) -> String {
        var lines: [String] = []
        if outcome.applied.isEmpty {
            lines.append("\(outcome.file): nothing gym fix can rewrite safely")
        } else {
            let verb = written ? "applied" : "would apply"
            for fix in outcome.applied {
                lines.append(
                    "\(outcome.file): \(verb) \(fix.fix): \(fix.title) (\(fix.removed.joined(separator: ", ")))")
            }
        }
        if !outcome.remaining.isEmpty {
            lines.append("left for a person (gym lint explains each):")
            for finding in outcome.remaining {
                lines.append("  \(finding.range.start.line): \(finding.rule): \(finding.message)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `gym fix --list`.
    public static func list(_ fixes: [any DockerfileFix]) -> String {
        fixes.map { fix in
            "\(fix.description.id): \(fix.description.title) (removes \(fix.description.rules.joined(separator: ", ")))"
        }.joined(separator: "\n") + "\n"
    }

    struct Report: Encodable {
        var file: String
        var changed: Bool
        var applied: [AppliedFix]
        var diff: String
        var remaining: [Finding]
    }

    public static func json(_ outcome: FixOutcome) throws(RenderingError) -> String {
        try JSONText.encode(
            Report(
                file: outcome.file, changed: outcome.changed, applied: outcome.applied, diff: diff(outcome),
                remaining: outcome.remaining)) + "\n"
    }
}
