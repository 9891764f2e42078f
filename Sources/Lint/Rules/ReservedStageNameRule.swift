import Dockerfile

/// A stage named `scratch` or `context`.
public struct ReservedStageNameRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "reserved-stage-name", title: "Reserved stage name", severity: .error, category: .correctness,
        rationale:
            "`scratch` and `context` already mean something to the builder (the empty image, the build context); a stage with that name shadows them.",
        buildkit: "ReservedStageName",
        triggering: [RuleExample("FROM debian:12 AS ↓scratch")],
        nonTriggering: [RuleExample("FROM debian:12 AS base")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            guard let name = stage.name, name == "scratch" || name == "context" else { return nil }
            var finding = context.finding(
                description, stage.from.node, at: " " + (stage.from.stageName ?? name),
                message: "\(name) is a reserved name", fix: "Choose another stage name")
            finding.range.start.column += 1
            return finding
        }
    }
}
