import Dockerfile

/// `apt-get upgrade` / `dist-upgrade` in a build.
public struct AptUpgradeRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apt-upgrade", title: "apt-get upgrade in a build", severity: .info, category: .reproducibility,
        rationale: """
            Upgrading every package makes the image depend on the day it was built, and grows it with a second
            copy of each upgraded file. Use a newer base image tag instead, and install only what you need.

            Before: `RUN apt-get update && apt-get upgrade -y` — After: `FROM debian:12.6-slim` (a newer base).
            """,
        triggering: [RuleExample("FROM debian:12\nRUN apt-get update && ↓apt-get upgrade -y")],
        nonTriggering: [RuleExample("FROM debian:12\nRUN apt-get update && apt-get install -y curl")])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            context.commands(step, named: "apt-get", "apt").filter {
                $0.arguments.contains("upgrade") || $0.arguments.contains("dist-upgrade")
                    || $0.arguments.contains("full-upgrade")
            }.map { command in
                context.finding(
                    description, step.run.node,
                    at: command.name + " " + (command.arguments.first { $0.hasSuffix("upgrade") } ?? ""),
                    message: "upgrading all packages makes the build depend on the day it runs",
                    fix: "Use a newer base image instead of upgrading in the build")
            }
        }
    }
}
