import Dockerfile

/// FROM an image tagged `latest`.
public struct LatestTagRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "latest-tag", title: "Base image uses the latest tag", severity: .warning, category: .reproducibility,
        rationale: """
            `latest` moves. The image you built today and the one you build next month differ, and nothing in
            the Dockerfile says so. Pin the release you tested.

            Before: `FROM node:latest` — After: `FROM node:20-slim`.
            """,
        hadolint: ["DL3007"],
        triggering: [RuleExample("FROM ↓node:latest")],
        nonTriggering: [RuleExample("FROM node:20-slim"), RuleExample("FROM node:latest@sha256:abc")])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.compactMap { stage -> Finding? in
            let reference = ImageReference(stage.from.baseName)
            guard reference.tag == "latest", reference.digest == nil else { return nil }
            return context.finding(
                description, stage.from.node, at: stage.from.baseName,
                message: "\(stage.from.baseName) moves with every release",
                fix: "Pin the version you tested instead of latest")
        }
    }
}
