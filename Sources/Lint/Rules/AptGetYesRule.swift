import Dockerfile

/// `apt-get install` without `-y`.
public struct AptGetYesRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apt-get-yes", title: "apt-get install without -y", severity: .warning, category: .correctness,
        rationale: """
            A build has no one to answer apt's "Do you want to continue?". Without `-y` the install aborts.

            Before: `RUN apt-get install curl` — After: `RUN apt-get install -y curl`.

            A simulated install (`apt-get install -s`) installs nothing and is not reported (hadolint DL3014 reports
            it).
            """,
        hadolint: ["DL3014"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓apt-get install curl")],
        nonTriggering: [
            RuleExample("FROM debian:12\nRUN apt-get install -y curl"),
            RuleExample("FROM debian:12\nRUN apt-get -qy install curl"),
            RuleExample("FROM debian:12\nRUN apt-get install --yes curl"),
            RuleExample("FROM debian:12\nRUN apt-get install --assume-yes curl"),
            RuleExample("FROM debian:12\nRUN if apt-get install -s curl >/dev/null; then echo available; fi"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            context.commands(step, named: "apt-get", "apt").filter { command in
                command.arguments.contains("install") && !command.isSimulation
                    && !command.has("-y", "--yes", "--assume-yes", "-qq")
            }.map { command in
                context.finding(
                    description, step.run.node, at: command.name,
                    message: "\(command.name) install would wait for a yes",
                    fix: "Add -y: \(command.name) install -y ...")
            }
        }
    }
}
