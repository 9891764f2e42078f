import Dockerfile
import Foundation

/// WORKDIR with a relative path.
public struct WorkdirRelativeRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "workdir-relative", title: "Relative WORKDIR", severity: .error, category: .correctness,
        rationale: """
            A relative WORKDIR depends on every WORKDIR before it, and on the base image's. Use an absolute path.

            Before: `WORKDIR app` — After: `WORKDIR /app`.

            Like BuildKit's WorkdirRelativePath (and unlike hadolint DL3000), a relative WORKDIR after an
            absolute one in the same stage is not reported: it is then well defined.
            """,
        hadolint: ["DL3000"], buildkit: "WorkdirRelativePath",
        triggering: [RuleExample("FROM debian:12\n↓WORKDIR app")],
        nonTriggering: [
            RuleExample("FROM debian:12\nWORKDIR /app"), RuleExample("FROM debian:12\nWORKDIR $HOME/app"),
            RuleExample("FROM debian:12\nWORKDIR /app\nWORKDIR src"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.flatMap { stage in
            var sawAbsolute = false
            return stage.instructions.compactMap { instruction -> Finding? in
                guard case .workdir(let workdir) = instruction else { return nil }
                let path = workdir.path.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if path.hasPrefix("/") || path.hasPrefix("$")
                    || path.range(of: #"^[A-Za-z]:"#, options: .regularExpression) != nil
                {
                    sawAbsolute = true
                    return nil
                }
                if sawAbsolute { return nil }
                return context.finding(
                    description, workdir.node, message: "WORKDIR \(workdir.path) is relative",
                    fix: "Use an absolute path: WORKDIR /\(path)")
            }
        }
    }
}
