import Dockerfile

/// apk packages added without a version.
public struct ApkUnpinnedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apk-unpinned", title: "apk packages without a pinned version", severity: .warning,
        category: .reproducibility,
        rationale: """
            `apk add curl` takes whatever the Alpine mirror has today. Pin (`curl=8.5.0-r0`) or at least a
            compatible range (`curl~8.5`) so the build is repeatable.

            Before: `apk add --no-cache curl` — After: `apk add --no-cache curl=8.5.0-r0`.

            Differs from hadolint DL3018 by choice: packages passed through a variable (`apk add $buildDeps`) are
            not judged.
            """,
        hadolint: ["DL3018"],
        triggering: [RuleExample("FROM alpine:3.19\nRUN ↓apk add --no-cache curl")],
        nonTriggering: [
            RuleExample("FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0"),
            RuleExample("FROM alpine:3.19\nRUN apk add --no-cache curl~8.5"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            context.commands(step, named: "apk").compactMap { command -> Finding? in
                guard command.arguments.contains("add") else { return nil }
                var skipNext = false
                var packages: [String] = []
                for argument in command.arguments.drop(while: { $0 != "add" }).dropFirst() {
                    if skipNext {
                        skipNext = false
                        continue
                    }
                    if ["-t", "--virtual", "--repository", "-X", "--arch", "--root", "-p"].contains(argument) {
                        skipNext = true
                        continue
                    }
                    if argument.hasPrefix("-") { continue }
                    if argument.includes("=") || argument.includes("~") || argument.hasSuffix(".apk")
                        || argument.includes("$")
                    {
                        continue
                    }
                    packages.append(argument)
                }
                guard let first = packages.first else { return nil }
                return context.finding(
                    description, step.run.node, at: "apk",
                    message: "\(packages.joined(separator: ", ")) added without a version",
                    fix: "Pin versions: \(first)=<version>")
            }
        }
    }
}
