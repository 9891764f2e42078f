import Dockerfile

/// The final stage never sets USER.
public struct NoUserRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "no-user", title: "Image runs as root (no USER)", severity: .info, category: .security,
        rationale: """
            Without USER the container runs as whatever the base image says, usually root. Create a user and
            switch to it for the runtime stage.

            After: `RUN useradd --system --uid 10001 app` then `USER app`.
            """,
        triggering: [RuleExample("↓FROM python:3.11-slim\nCOPY . /app\nCMD [\"python\", \"/app/app.py\"]")],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim\nRUN useradd -r app\nUSER app"),
            RuleExample("FROM gcr.io/distroless/static:nonroot\nCOPY app /app"),
            RuleExample("FROM scratch\nCOPY app /app"),
            RuleExample("FROM python:3.11-slim AS base\nUSER app\nFROM base\nCMD [\"x\"]"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        guard let stage = context.finalStage else { return [] }
        let base = stage.from.baseName
        if base == "scratch" || base.includes("nonroot") || base.includes("distroless") || context.isDynamic(base) {
            return []
        }
        // a stage built on an earlier stage inherits its USER
        if context.stageChain(stage).contains(where: { $0.instructions.contains { $0.keyword == "USER" } }) {
            return []
        }
        return [
            context.finding(
                description, stage.from.node,
                message: "the final stage never sets USER, so it runs as the base image's user (usually root)",
                fix: "Add a user, then switch to it on its own line: RUN useradd -r app, then USER app")
        ]
    }
}
