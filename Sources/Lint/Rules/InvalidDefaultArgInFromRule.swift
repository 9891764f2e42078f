import Dockerfile

/// A global ARG whose default makes FROM an invalid image reference.
public struct InvalidDefaultArgInFromRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "invalid-default-arg-in-from", title: "FROM is invalid with the ARG defaults", severity: .warning,
        category: .correctness,
        rationale: """
            With `ARG TAG` (no default) and `FROM alpine:${TAG}`, a build without `--build-arg TAG=...` asks for
            `alpine:`, which is not a valid reference. Give the ARG a default.
            """,
        buildkit: "InvalidDefaultArgInFrom",
        triggering: [RuleExample("ARG TAG\n↓FROM alpine:${TAG}")],
        nonTriggering: [RuleExample("ARG TAG=3.19\nFROM alpine:${TAG}"), RuleExample("ARG IMAGE=alpine\nFROM $IMAGE")])

    public func check(_ context: LintContext) -> [Finding] {
        guard context.dockerfile.stages.contains(where: { $0.from.baseName.includes("$") }),
            let resolved = try? context.dockerfile.resolve()
        else { return [] }
        return resolved.compactMap { stage -> Finding? in
            guard stage.stage.from.baseName.includes("$") else { return nil }
            let base = stage.baseName
            let invalid =
                base.isEmpty || base.hasSuffix(":") || base.hasSuffix("@") || base.hasPrefix(":")
                || base.includes("::") || base.includes(" ") || base.hasSuffix("/") || base.hasPrefix("/")
                || base.includes("//")
            guard invalid else { return nil }
            return context.finding(
                description, stage.stage.from.node,
                message:
                    "with the ARG defaults, FROM \(stage.stage.from.baseName) becomes \"\(base)\", not a valid image",
                fix: "Give the ARG a default value")
        }
    }
}
