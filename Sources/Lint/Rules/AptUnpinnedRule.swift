import Dockerfile

/// apt packages installed without a version.
public struct AptUnpinnedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apt-unpinned", title: "apt packages without a pinned version", severity: .warning,
        category: .reproducibility,
        rationale: """
            `apt-get install curl` installs whatever version the mirror has today. Pinning (`curl=7.88.1-10+deb12u5`)
            makes the build repeatable, and a failing pin tells you the mirror moved on.

            Before: `apt-get install -y curl` — After: `apt-get install -y curl=7.88.1-10+deb12u5`.

            Differs from hadolint DL3008 by choice: `apt install` is checked too (hadolint reads only apt-get), and
            packages passed through a variable (`apt-get install $buildDeps`) are not judged.
            """,
        hadolint: ["DL3008"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓apt-get install -y curl=7.88.1 git")],
        nonTriggering: [
            RuleExample("FROM debian:12\nRUN apt-get install -y curl=7.88.1 git=1:2.39.2-1.1"),
            RuleExample("FROM debian:12\nRUN apt-get install -y ./local.deb"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            context.commands(step, named: "apt-get", "apt").compactMap { command -> Finding? in
                guard command.arguments.contains("install") else { return nil }
                let packages = command.operands(after: ["install"]).filter {
                    !$0.includes("=") && !$0.hasSuffix(".deb") && !$0.includes("$")
                }
                guard let first = packages.first else { return nil }
                return context.finding(
                    description, step.run.node, at: command.name,
                    message: "\(packages.joined(separator: ", ")) installed without a version",
                    fix: "Pin versions: \(first)=<version>")
            }
        }
    }
}
