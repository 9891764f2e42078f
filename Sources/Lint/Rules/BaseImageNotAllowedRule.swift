import Dockerfile

/// FROM an image outside `allowedBaseImages`.
public struct BaseImageNotAllowedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "base-image-not-allowed", title: "Base image not in the allowed list", severity: .error,
        category: .security,
        rationale:
            "With `allowedBaseImages` in the configuration (entries may end in `*`), the final and intermediate stages may only start from those images: a team's way to keep to patched, approved bases.",
        triggering: [
            RuleExample(
                "FROM ↓python:3.11", configuration: "allowedBaseImages: [\"python:3.11-slim\", \"gcr.io/distroless/*\"]"
            )
        ],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim"),
            RuleExample(
                "FROM python:3.11-slim AS a\nFROM gcr.io/distroless/static",
                configuration: "allowedBaseImages: [\"python:3.11-slim\", \"gcr.io/distroless/*\"]"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        let allowed = context.configuration.allowedBaseImages
        guard !allowed.isEmpty else { return [] }
        return context.dockerfile.stages.compactMap { stage -> Finding? in
            let base = stage.from.baseName
            guard base != "scratch", !context.isStageReference(stage), !context.isDynamic(base) else { return nil }
            let ok = allowed.contains { pattern in
                pattern.hasSuffix("*") ? base.hasPrefix(pattern.dropLast()) : base == pattern
            }
            guard !ok else { return nil }
            return context.finding(
                description, stage.from.node, at: base, message: "\(base) is not an allowed base image",
                fix: "Use one of: \(allowed.joined(separator: ", "))")
        }
    }
}
