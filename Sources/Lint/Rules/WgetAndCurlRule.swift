import Dockerfile

/// Both wget and curl used in one stage.
public struct WgetAndCurlRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "wget-and-curl", title: "Both wget and curl used", severity: .warning, category: .size,
        rationale: """
            Two tools that do the same job means two packages to install and patch. Pick one.

            The finding points at the first RUN of the stage that uses wget (hadolint DL4001 points at a later one).
            """,
        hadolint: ["DL4001"],
        triggering: [RuleExample("FROM debian:12\nRUN curl -fsSLO https://x/a\nRUN ↓wget https://x/b")],
        nonTriggering: [RuleExample("FROM debian:12\nRUN curl -fsSLO https://x/a\nRUN curl -fsSLO https://x/b")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            let steps = context.runs.filter { $0.stage.index == stage.index }
            guard steps.contains(where: { $0.commands.contains { $0.name == "curl" } }),
                let wget = steps.first(where: { $0.commands.contains { $0.name == "wget" } })
            else { return nil }
            return context.finding(
                description, wget.run.node, at: "wget", message: "stage \(stage.displayName) uses both curl and wget",
                fix: "Use curl everywhere (or wget everywhere)")
        }
    }
}
