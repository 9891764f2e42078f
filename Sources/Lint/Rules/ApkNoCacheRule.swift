import Dockerfile

/// `apk add` that keeps the index in the layer.
public struct ApkNoCacheRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apk-no-cache", title: "apk add keeps its index in the layer", severity: .info, category: .size,
        rationale: """
            `apk add` downloads the package index into `/var/cache/apk`. `--no-cache` fetches it, uses it and leaves
            nothing behind; a cache mount keeps it for the next build without storing it in the image.

            Before: `RUN apk update && apk add curl` — After: `RUN apk add --no-cache curl`.

            Differs from hadolint DL3019 by choice: `rm -rf /var/cache/apk/*` in the same RUN also keeps the index
            out of the layer, so it is accepted.
            """,
        hadolint: ["DL3019"],
        triggering: [RuleExample("FROM alpine:3.19\nRUN ↓apk add curl=8.5.0-r0")],
        nonTriggering: [
            RuleExample("FROM alpine:3.19\nRUN apk add --no-cache curl=8.5.0-r0"),
            RuleExample("FROM alpine:3.19\nRUN --mount=type=cache,target=/var/cache/apk apk add curl=8.5.0-r0"),
            RuleExample("FROM alpine:3.19\nRUN apk add curl=8.5.0-r0 && rm -rf /var/cache/apk/*"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.compactMap { step -> Finding? in
            guard !step.hasCacheMount("/var/cache/apk", "/etc/apk/cache"),
                step.commands.contains(where: {
                    $0.name == "apk" && $0.arguments.contains("add") && !$0.has("--no-cache")
                })
            else { return nil }
            let cleaned = step.commands.contains {
                $0.name == "rm" && $0.arguments.contains { $0.hasPrefix("/var/cache/apk") }
            }
            if cleaned { return nil }
            return context.finding(
                description, step.run.node, at: "apk", message: "apk keeps its package index in this layer",
                fix: "Use apk add --no-cache, or RUN --mount=type=cache,target=/var/cache/apk")
        }
    }
}
