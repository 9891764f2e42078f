import Rendering

/// Renders `gym fix`: the diff and what was applied, the fixes there are, or JSON.
public enum FixReporter {
    public static func diff(_ outcome: FixOutcome) -> String {
        UnifiedDiff.render(outcome.original, outcome.fixed, oldName: outcome.file, newName: outcome.file)
            + outcome.created.map { UnifiedDiff.render("", $0.text, oldName: "/dev/null", newName: $0.path) }.joined()
    }

    /// What was applied and what is left for a person, after the diff (for stderr).
    public static func summary(_ outcome: FixOutcome, written: Bool) -> String {
        var lines: [String] = []
        let verb = written ? "applied" : "would apply"
        if outcome.applied.isEmpty && outcome.created.isEmpty {
            lines.append("\(outcome.file): nothing gym fix can rewrite safely")
        }
        for fix in outcome.applied {
            lines.append("\(outcome.file): \(verb) \(fix.fix): \(fix.title) (\(fix.removed.joined(separator: ", ")))")
        }
        for file in outcome.created {
            lines.append("\(file.path): \(written ? "created" : "would create"): \(file.reason)")
        }
        let suggestions = outcome.suggestions
        if !suggestions.isEmpty {
            lines.append("suggested, not applied (they need a person):")
            for finding in suggestions {
                let advice = FixOutcome.suggestedRewrites[finding.rule] ?? finding.fix
                lines.append("  \(finding.range.start.line): \(finding.message): \(advice)")
            }
        }
        let others = outcome.remaining.filter { FixOutcome.suggestedRewrites[$0.rule] == nil }
        if !others.isEmpty {
            lines.append("left for a person (gym lint explains each):")
            for finding in others {
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

    /// `gym fix --format json` for one file.
    public struct Report: Encodable, Sendable {
        var file: String
        var changed: Bool
        var applied: [AppliedFix]
        var created: [CreatedFile]
        var diff: String
        var suggestions: [Suggestion]
        var remaining: [Finding]

        public init(_ outcome: FixOutcome) {
            file = outcome.file
            changed = outcome.changed
            applied = outcome.applied
            created = outcome.created
            diff = FixReporter.diff(outcome)
            suggestions = outcome.suggestions.map {
                Suggestion(
                    rule: $0.rule, line: $0.range.start.line, message: $0.message,
                    advice: FixOutcome.suggestedRewrites[$0.rule] ?? $0.fix)
            }
            remaining = outcome.remaining
        }
    }

    struct Suggestion: Encodable, Sendable {
        var rule: String
        var line: Int
        var message: String
        var advice: String
    }

    public static func json(_ outcome: FixOutcome) throws(RenderingError) -> String {
        try JSONText.encode(Report(outcome)) + "\n"
    }
}
