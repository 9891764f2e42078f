import Dockerfile

/// Several RUN instructions in a row that could be one layer.
public struct ConsecutiveRunRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "consecutive-run", title: "Consecutive RUN instructions", severity: .info, category: .size,
        rationale: """
            Each RUN makes a layer. Files one RUN creates and the next deletes still weigh in the first layer, and
            many small layers slow pulls. Join steps that belong together with `&&`; keep separate the steps that
            change at different rates (that is what the cache rewards). The rule fires when two adjacent RUNs are
            each a single command (joining them costs nothing); longer RUNs are assumed to be split on purpose.
            """,
        hadolint: ["DL3059"],
        triggering: [RuleExample("FROM debian:12\nRUN mkdir /app\n↓RUN chmod 755 /app")],
        nonTriggering: [
            RuleExample("FROM debian:12\nRUN apt-get update && apt-get install -y curl"),
            RuleExample("FROM debian:12\nRUN a\nCOPY x /x\nRUN b"),
            RuleExample("FROM debian:12\nRUN --mount=type=cache,target=/root/.cache a\nRUN b"),
            RuleExample("FROM debian:12\nRUN apt-get update && apt-get install -y make\nRUN make"),
        ])

    /// A RUN of one simple command: joining two of them costs nothing. Longer RUNs are assumed split on purpose.
    func isSingleCommand(_ run: RunInstruction, _ context: LintContext) -> Bool {
        guard let step = context.runs.first(where: { $0.run.node.range == run.node.range }) else { return false }
        // command substitutions count too: `CAROOT=$(pwd) mkcert` is two commands, as hadolint counts them
        return step.commands.count == 1
    }

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.flatMap { stage in
            zip(stage.instructions, stage.instructions.dropFirst()).compactMap { previous, current in
                guard case .run(let a) = previous, case .run(let b) = current, a.node.flags.isEmpty,
                    b.node.flags.isEmpty,
                    a.heredocs.isEmpty, b.heredocs.isEmpty,
                    isSingleCommand(a, context), isSingleCommand(b, context)
                else { return nil }
                return context.finding(
                    description, b.node,
                    message: "this RUN directly follows another one (line \(a.node.range.start.line))",
                    fix: "Join them with && if they belong together")
            }
        }
    }
}
