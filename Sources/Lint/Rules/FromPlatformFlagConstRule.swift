import Dockerfile

/// `FROM --platform=linux/amd64`: a constant platform.
public struct FromPlatformFlagConstRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "from-platform-flag-const", title: "FROM --platform with a constant", severity: .warning,
        category: .reproducibility,
        rationale:
            "A hard-coded platform forces emulation on other hosts and breaks multi-platform builds. Use `$BUILDPLATFORM` or `$TARGETPLATFORM`, or leave it out.",
        buildkit: "FromPlatformFlagConstDisallowed",
        triggering: [RuleExample("FROM ↓--platform=linux/amd64 debian:12")],
        nonTriggering: [RuleExample("FROM --platform=$BUILDPLATFORM golang:1.22 AS build")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            guard let platform = stage.from.platform, !platform.includes("$") else { return nil }
            if let name = stage.name, name.contains(platform.split(separator: "/").last.map(String.init) ?? "\u{0}") {
                return nil
            }
            return context.finding(
                description, stage.from.node, at: "--platform", message: "--platform=\(platform) is a constant",
                fix: "Use --platform=$BUILDPLATFORM for build stages, or remove it")
        }
    }
}
