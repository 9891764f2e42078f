import Dockerfile

/// MAINTAINER is deprecated.
public struct MaintainerDeprecatedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "maintainer-deprecated", title: "MAINTAINER is deprecated", severity: .error, category: .style,
        rationale: """
            MAINTAINER was replaced by labels, which tools can read.

            Before: `MAINTAINER Jane <jane@example.com>` — After: `LABEL org.opencontainers.image.authors="jane@example.com"`.
            """,
        hadolint: ["DL4000"], buildkit: "MaintainerDeprecated",
        triggering: [RuleExample("FROM debian:12\n↓MAINTAINER Jane <jane@example.com>")],
        nonTriggering: [RuleExample("FROM debian:12\nLABEL org.opencontainers.image.authors=\"jane@example.com\"")])

    public func check(_ context: LintContext) -> [Finding] {
        context.instructions.compactMap { _, instruction -> Finding? in
            guard case .maintainer(let m) = instruction else { return nil }
            return context.finding(
                description, m.node, message: "MAINTAINER is deprecated",
                fix: "Use LABEL org.opencontainers.image.authors=\"\(m.maintainer)\"")
        }
    }
}
