import Dockerfile

/// `FROM --platform=$TARGETPLATFORM`, which is the default.
public struct RedundantTargetPlatformRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "redundant-target-platform", title: "--platform=$TARGETPLATFORM is the default", severity: .info,
        category: .style,
        rationale:
            "Every stage is built for the target platform unless told otherwise; `--platform=$TARGETPLATFORM` only adds noise. (`$BUILDPLATFORM` is the useful one, for cross-compiling stages.)",
        buildkit: "RedundantTargetPlatform",
        triggering: [RuleExample("FROM ↓--platform=$TARGETPLATFORM alpine:3.19")],
        nonTriggering: [RuleExample("FROM --platform=$BUILDPLATFORM golang:1.22")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            guard let platform = stage.from.platform, platform == "$TARGETPLATFORM" || platform == "${TARGETPLATFORM}"
            else { return nil }
            return context.finding(
                description, stage.from.node, at: "--platform",
                message: "--platform=\(platform) is already the default",
                fix: "Remove --platform")
        }
    }
}
