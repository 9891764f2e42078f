import Dockerfile

/// `apt` (the interactive front end) in a script.
public struct AptInsteadOfAptGetRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apt-instead-of-apt-get", title: "apt used in a script", severity: .warning, category: .correctness,
        rationale:
            "`apt` is for people: its output and options may change between releases and it warns that it has no stable CLI. Scripts use `apt-get` (or `apt-cache`).",
        hadolint: ["DL3027"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓apt install -y curl")],
        nonTriggering: [RuleExample("FROM debian:12\nRUN apt-get install -y curl")])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.compactMap { step -> Finding? in
            guard step.commands.contains(where: { $0.name == "apt" }) else { return nil }
            return context.finding(
                description, step.run.node, at: "apt ", message: "apt has no stable command-line interface",
                fix: "Use apt-get")
        }
    }
}
