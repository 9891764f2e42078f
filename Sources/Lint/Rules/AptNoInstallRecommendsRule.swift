import Dockerfile

/// `apt-get install` without `--no-install-recommends`.
public struct AptNoInstallRecommendsRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apt-no-install-recommends", title: "apt-get install pulls in recommended packages", severity: .info,
        category: .size,
        rationale: """
            By default apt installs every *recommended* package too: documentation, extra tools, often tens of
            megabytes you never use, each one more thing to patch. Ask for what you need.

            Before: `apt-get install -y curl` — After: `apt-get install -y --no-install-recommends curl`.

            Differs from hadolint DL3015 by choice: `apt install` is checked too (hadolint reads only apt-get), and a
            simulated install (`apt-get install -s`) is not reported.
            """,
        hadolint: ["DL3015"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓apt-get install -y curl")],
        nonTriggering: [
            RuleExample("FROM debian:12\nRUN apt-get install -y --no-install-recommends curl"),
            RuleExample("FROM debian:12\nRUN apt-get -o APT::Install-Recommends=false install -y curl"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            context.commands(step, named: "apt-get", "apt").filter { command in
                command.arguments.contains("install") && !command.isSimulation
                    && !command.has("--no-install-recommends")
                    && !command.arguments.contains {
                        $0.includes("Install-Recommends=false") || $0.includes("Install-Recommends=0")
                    }
            }.map { command in
                context.finding(
                    description, step.run.node, at: command.name,
                    message: "\(command.name) install also installs recommended packages",
                    fix: "Add --no-install-recommends")
            }
        }
    }
}
