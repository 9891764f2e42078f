import Dockerfile

/// `ENV key value` / `LABEL key value`.
public struct LegacyKeyValueFormatRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "legacy-key-value-format", title: "Legacy key value format", severity: .warning, category: .style,
        rationale: """
            `ENV key value` sets one variable to the whole rest of the line, spaces included, and cannot set two.
            Use `key=value`.

            Before: `ENV PYTHONUNBUFFERED 1` — After: `ENV PYTHONUNBUFFERED=1`.
            """,
        buildkit: "LegacyKeyValueFormat",
        triggering: [RuleExample("FROM debian:12\n↓ENV PYTHONUNBUFFERED 1")],
        nonTriggering: [RuleExample("FROM debian:12\nENV PYTHONUNBUFFERED=1")])

    public func check(_ context: LintContext) -> [Finding] {
        context.instructions.compactMap { _, instruction -> Finding? in
            let pairs: [KeyValuePair]
            switch instruction {
            case .env(let e): pairs = e.variables
            case .label(let l): pairs = l.labels
            default: return nil
            }
            guard let pair = pairs.first(where: \.isLegacyForm) else { return nil }
            return context.finding(
                description, instruction.node,
                message: "\(instruction.keyword) \(pair.key) \(pair.value) uses the legacy format",
                fix:
                    "Write \(instruction.keyword) \(pair.key)=\(pair.value.includes(" ") ? "\"\(pair.value)\"" : pair.value)"
            )
        }
    }
}
