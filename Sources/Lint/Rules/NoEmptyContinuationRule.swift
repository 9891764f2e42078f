import Dockerfile

/// A blank line inside a continued instruction.
public struct NoEmptyContinuationRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "no-empty-continuation", title: "Empty line inside a continuation", severity: .warning, category: .style,
        rationale:
            "A blank line in the middle of a `\\`-continued instruction is ignored today and will become an error; it usually means a `\\` was deleted by mistake.",
        buildkit: "NoEmptyContinuation",
        triggering: [RuleExample("FROM debian:12\nRUN apt-get update && \\\n\n↓    apt-get install -y curl\n")],
        nonTriggering: [RuleExample("FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.syntax.warnings.compactMap { warning in
            guard warning.message.hasPrefix("Empty continuation line") else { return nil }
            guard
                let node = context.dockerfile.syntax.nodes.last(where: {
                    $0.range.start.line <= warning.range.start.line
                })
            else { return nil }
            var finding = context.finding(
                description, node, message: "empty line inside a continued instruction", fix: "Remove the blank line")
            finding.range = warning.range
            return finding
        }
    }
}
