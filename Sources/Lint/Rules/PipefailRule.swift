import Dockerfile
import Foundation

/// A pipe in RUN without `set -o pipefail`.
public struct PipefailRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "pipefail", title: "Pipe without pipefail", severity: .warning, category: .correctness,
        rationale: """
            `/bin/sh -c "a | b"` succeeds when `b` succeeds, even if `a` failed: a failed download piped into `tar`
            builds a broken image. Set `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before such RUNs.
            """,
        hadolint: ["DL4006"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓curl -fsSL https://x/a.tgz | tar xz")],
        nonTriggering: [
            RuleExample(
                "FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://x/a.tgz | tar xz"
            ),
            RuleExample("FROM debian:12\nRUN set -o pipefail && curl -fsSL https://x/a.tgz | tar xz"),
            RuleExample("FROM debian:12\nRUN a || b"),
            RuleExample(
                "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL [\"powershell\", \"-Command\"]\nRUN Get-ChildItem | Select-Object Name"
            ),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.flatMap { stage in
            var pipefail = false
            var posix = true
            var findings: [Finding] = []
            for instruction in stage.instructions {
                if case .shell(let shell) = instruction {
                    pipefail = shell.shell.contains("pipefail")
                    // PowerShell and cmd have no pipefail: the rule is about POSIX shells
                    posix = !shell.shell.contains {
                        ["powershell", "pwsh", "cmd", "cmd.exe"].contains(
                            ($0 as NSString).lastPathComponent.lowercased())
                    }
                }
                if !posix { continue }
                guard case .run(let run) = instruction, case .shell = run.command,
                    let step = context.runs.first(where: { $0.run.node.range == run.node.range })
                else { continue }
                if pipefail || step.script.includes("pipefail") { continue }
                guard let piped = step.commands.firstIndex(where: { $0.separator == "|" }) else { continue }
                let first = step.commands[max(0, piped - 1)]
                findings.append(
                    context.finding(
                        description, run.node, at: first.invocation.first ?? first.name,
                        message: "a failure before the pipe would go unnoticed",
                        fix: "Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before this RUN"))
            }
            return findings
        }
    }
}
