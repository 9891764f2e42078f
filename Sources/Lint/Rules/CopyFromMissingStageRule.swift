import Dockerfile

/// `COPY --from` naming a stage that does not exist (or is defined later).
public struct CopyFromMissingStageRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "copy-from-missing-stage", title: "COPY --from names no earlier stage", severity: .warning,
        category: .correctness,
        rationale: """
            `--from` takes an earlier stage's name or index, or an image. A name without a `:` or `/` that matches no
            earlier stage is usually a typo, and BuildKit will try to pull it as an image.

            Differs from hadolint DL3022 by choice: a value with `/`, `:` or `.` is an image reference, which
            BuildKit accepts, so it is not reported.
            """,
        hadolint: ["DL3022"],
        triggering: [RuleExample("FROM golang:1.22 AS build\nFROM scratch\n↓COPY --from=buidl /out /app")],
        nonTriggering: [
            RuleExample("FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /out /app"),
            RuleExample("FROM golang:1.22\nFROM scratch\nCOPY --from=0 /out /app"),
            RuleExample("FROM scratch\nCOPY --from=nginx:1.25 /etc/nginx /etc/nginx"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.instructions.compactMap { stage, instruction -> Finding? in
            guard case .copy(let copy) = instruction, let from = copy.from, !context.isDynamic(from),
                !from.includes(":"), !from.includes("/"), !from.includes(".")
            else { return nil }
            if context.dockerfile.stageIndex(forReference: from, before: stage.index) != nil { return nil }
            if context.dockerfile.stageIndex(forReference: from) == stage.index { return nil }  // copy-from-self
            let names = context.dockerfile.stages.prefix(stage.index).compactMap(\.name)
            let hint = names.isEmpty ? "" : " (stages before it: \(names.joined(separator: ", ")))"
            return context.finding(
                description, copy.node, message: "--from=\(from) names no earlier stage\(hint)",
                fix: "Use the name or index of an earlier stage, or a full image reference")
        }
    }
}
