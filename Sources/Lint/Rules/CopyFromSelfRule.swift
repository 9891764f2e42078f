import Dockerfile

/// `COPY --from` naming the stage it is in.
public struct CopyFromSelfRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "copy-from-self", title: "COPY --from its own stage", severity: .error, category: .correctness,
        rationale: "A stage cannot copy from itself: its result does not exist yet. Copy from an earlier stage.",
        hadolint: ["DL3023"],
        triggering: [RuleExample("FROM debian:12 AS app\n↓COPY --from=app /a /b")],
        nonTriggering: [RuleExample("FROM debian:12 AS base\nFROM base AS app\nCOPY --from=base /a /b")])

    public func check(_ context: LintContext) -> [Finding] {
        context.instructions.compactMap { stage, instruction -> Finding? in
            guard case .copy(let copy) = instruction, let from = copy.from,
                from.lowercased() == stage.name || from == String(stage.index)
            else { return nil }
            return context.finding(
                description, copy.node, message: "stage \(stage.displayName) copies from itself",
                fix: "Copy from an earlier stage")
        }
    }
}
