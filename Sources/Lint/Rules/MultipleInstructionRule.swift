import Dockerfile

/// CMD, ENTRYPOINT or HEALTHCHECK given more than once in a stage: only the last counts.
public struct MultipleInstructionRule: LintRule {
    let keyword: String
    public let description: RuleDescription

    init(keyword: String, id: String, hadolint: String) {
        self.keyword = keyword
        description = RuleDescription(
            id: id, title: "Several \(keyword) in one stage", severity: keyword == "CMD" ? .warning : .error,
            category: .correctness,
            rationale: """
                Only the last \(keyword) of a stage takes effect; the earlier ones are dead text that misleads readers.
                Keep one. The finding points at the earlier, ineffective instructions (as BuildKit's check does);
                hadolint points at the later ones.
                """,
            hadolint: [hadolint], buildkit: "MultipleInstructionsDisallowed",
            triggering: [
                RuleExample(
                    "FROM debian:12\n↓\(keyword) \(keyword == "HEALTHCHECK" ? "CMD " : "")[\"a\"]\n\(keyword) \(keyword == "HEALTHCHECK" ? "CMD " : "")[\"b\"]"
                )
            ],
            nonTriggering: [
                RuleExample(
                    "FROM debian:12 AS a\n\(keyword) \(keyword == "HEALTHCHECK" ? "CMD " : "")[\"a\"]\nFROM debian:12\n\(keyword) \(keyword == "HEALTHCHECK" ? "CMD " : "")[\"b\"]"
                )
            ])
    }

    public static let cmd = MultipleInstructionRule(keyword: "CMD", id: "multiple-cmd", hadolint: "DL4003")
    public static let entrypoint = MultipleInstructionRule(
        keyword: "ENTRYPOINT", id: "multiple-entrypoint", hadolint: "DL4004")
    public static let healthcheck = MultipleInstructionRule(
        keyword: "HEALTHCHECK", id: "multiple-healthcheck", hadolint: "DL3012")

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.flatMap { stage in
            stage.instructions.filter { $0.keyword == keyword }.dropLast().map { instruction in
                context.finding(
                    description, instruction.node,
                    message:
                        "this \(keyword) has no effect: a later \(keyword) in stage \(stage.displayName) replaces it",
                    fix: "Keep a single \(keyword) per stage")
            }
        }
    }
}
