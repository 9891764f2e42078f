import Dockerfile

/// `sudo` in RUN.
public struct SudoRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "sudo", title: "sudo in RUN", severity: .error, category: .security,
        rationale: """
            Build steps already run as the current USER; sudo adds a setuid binary to the image, a TTY
            dependency and unpredictable environments. Switch with USER, or use gosu/su-exec in entrypoints.

            Before: `RUN sudo apt-get install -y curl` — After: `USER root` … `RUN apt-get install -y curl` … `USER app`.
            """,
        hadolint: ["DL3004"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓sudo apt-get install -y curl")],
        nonTriggering: [RuleExample("FROM debian:12\nRUN apt-get install -y sudo")])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.compactMap { step -> Finding? in
            guard step.commands.contains(where: { $0.name == "sudo" }) else { return nil }
            return context.finding(
                description, step.run.node, at: "sudo", message: "sudo in a build step",
                fix: "Drop sudo; use USER to change user between steps")
        }
    }
}
