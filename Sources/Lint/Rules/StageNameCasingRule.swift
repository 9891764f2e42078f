import Dockerfile

/// Stage names that are not lower-case.
public struct StageNameCasingRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "stage-name-casing", title: "Stage name not lower-case", severity: .warning, category: .style,
        rationale:
            "Stage names are compared case-insensitively; writing them lower-case avoids `--from=Build` vs `build` confusion.",
        buildkit: "StageNameCasing",
        triggering: [RuleExample("FROM golang:1.22 AS ↓Builder")],
        nonTriggering: [RuleExample("FROM golang:1.22 AS builder")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            guard let name = stage.from.stageName, name != name.lowercased() else { return nil }
            return context.finding(
                description, stage.from.node, at: " " + name, message: "stage name \(name) should be lower-case",
                fix: "Use AS \(name.lowercased())")
        }.map { finding in
            var f = finding
            f.range.start.column += 1
            return f
        }
    }
}
