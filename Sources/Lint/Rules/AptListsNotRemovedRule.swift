import Dockerfile

/// `apt-get update` whose lists stay in the layer.
public struct AptListsNotRemovedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apt-lists-not-removed", title: "apt lists left in the layer", severity: .info, category: .size,
        rationale: """
            `apt-get update` downloads package lists (tens of MB) into `/var/lib/apt/lists`. Removing them in a
            *later* RUN does not shrink the image: the earlier layer still holds them. Remove them in the same
            RUN, or keep them out of the layer entirely with a cache mount.

            Before: `RUN apt-get update && apt-get install -y curl`
            After: `RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*`
            or `RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y curl`.

            Differs from hadolint DL3009 by choice: only the final stage is checked (earlier stages do not reach
            the image), and `apt-get dist-clean` (apt 2.7+) counts as removing the lists.
            """,
        hadolint: ["DL3009"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓apt-get update && apt-get install -y curl")],
        nonTriggering: [
            RuleExample("FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
            RuleExample(
                "FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt/lists --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl"
            ),
            RuleExample(
                "FROM debian:12 AS build\nRUN apt-get update && apt-get install -y gcc\nFROM debian:12\nCOPY --from=build /usr/bin/gcc /usr/bin/"
            ),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.compactMap { step -> Finding? in
            guard step.stage.index == context.finalStage?.index else { return nil }
            guard
                context.commands(step, named: "apt-get", "apt").contains(where: {
                    $0.arguments.first == "update" || $0.arguments.contains("update")
                })
            else { return nil }
            if step.hasCacheMount("/var/lib/apt") { return nil }
            let cleaned = step.commands.contains { command in
                (command.name == "rm" && command.arguments.contains { $0.hasPrefix("/var/lib/apt/lists") })
                    || (command.name == "apt-get" && command.arguments.contains("dist-clean"))
            }
            guard !cleaned else { return nil }
            return context.finding(
                description, step.run.node, at: "apt-get",
                message: "the apt lists downloaded by update stay in this layer",
                fix: "End the same RUN with && rm -rf /var/lib/apt/lists/*, or use a cache mount")
        }
    }
}
