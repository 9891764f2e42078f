import Dockerfile
import Foundation

/// CMD or ENTRYPOINT in shell form.
public struct JSONArgsRecommendedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "json-args-recommended", title: "CMD/ENTRYPOINT in shell form", severity: .warning, category: .correctness,
        rationale: """
            In shell form the process is `/bin/sh -c "..."`: the shell is PID 1, so `docker stop`'s SIGTERM never
            reaches your program and it is killed after the timeout. Exec (JSON) form runs it directly.

            Before: `CMD python app.py` — After: `CMD ["python", "app.py"]`.

            JSON is read as BuildKit reads it (escapes such as `\\/` included), so an exec form hadolint cannot
            decode is still exec form here.
            """,
        hadolint: ["DL3025"], buildkit: "JSONArgsRecommended",
        triggering: [RuleExample("FROM python:3.11-slim\n↓CMD python app.py")],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim\nCMD [\"python\", \"app.py\"]"),
            RuleExample("FROM python:3.11-slim\nSHELL [\"/bin/bash\", \"-c\"]\nCMD python app.py"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.flatMap { stage -> [Finding] in
            if stage.instructions.contains(where: { $0.keyword == "SHELL" }) { return [] }
            return stage.instructions.compactMap { instruction in
                let node = instruction.node
                guard instruction.keyword == "CMD" || instruction.keyword == "ENTRYPOINT", !node.isJSON,
                    !node.arguments.isEmpty
                else { return nil }
                let words = node.arguments.joined(separator: " ").split(separator: " ").map { "\"\($0)\"" }
                return context.finding(
                    description, node,
                    message: "\(instruction.keyword) in shell form: signals go to /bin/sh, not your program",
                    fix: "Use exec form: \(instruction.keyword) [\(words.joined(separator: ", "))]")
            }
        }
    }
}
