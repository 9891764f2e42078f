import Dockerfile

/// The final stage switches to root last.
public struct LastUserRootRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "last-user-root", title: "Last USER is root", severity: .warning, category: .security,
        rationale: """
            A container running as root turns any code-execution bug into root in the container, and often on the
            host's mounted files. After the steps that need root, switch to an unprivileged user.

            Before: `USER root` as the last USER — After: `USER app` (created with `useradd`) or `USER 10001`.
            """,
        hadolint: ["DL3002"],
        triggering: [RuleExample("FROM debian:12\nUSER app\nRUN make\n↓USER root")],
        nonTriggering: [
            RuleExample("FROM debian:12\nUSER root\nRUN make\nUSER app"),
            RuleExample("FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER app"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        guard let stage = context.finalStage,
            let last = stage.instructions.last(where: { if case .user = $0 { return true } else { return false } }),
            case .user(let user) = last
        else { return [] }
        let name = user.user.split(separator: ":").first.map(String.init) ?? user.user
        guard name == "root" || name == "0" else { return [] }
        return [
            context.finding(
                description, user.node, message: "the image runs as root",
                fix: "Switch to an unprivileged user last: USER app")
        ]
    }
}
