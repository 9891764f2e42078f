import Dockerfile

/// Two stages with the same name.
public struct DuplicateStageNameRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "duplicate-stage-name", title: "Stage name used twice", severity: .error, category: .correctness,
        rationale:
            "Stage names are compared case-insensitively; a second stage with the same name makes `--from` and `--target` ambiguous.",
        hadolint: ["DL3024"], buildkit: "DuplicateStageName",
        triggering: [RuleExample("FROM debian:12 AS build\n↓FROM alpine:3.19 AS Build")],
        nonTriggering: [RuleExample("FROM debian:12 AS build\nFROM alpine:3.19 AS test")])

    public func check(_ context: LintContext) -> [Finding] {
        var seen: Set<String> = []
        return context.dockerfile.stages.compactMap { stage -> Finding? in
            guard let name = stage.name else { return nil }
            guard seen.insert(name).inserted else {
                return context.finding(
                    description, stage.from.node, message: "stage name \(name) is already used",
                    fix: "Give each stage a unique name")
            }
            return nil
        }
    }
}
