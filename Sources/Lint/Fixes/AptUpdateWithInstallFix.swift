import Dockerfile

/// `apt-get update` joined to the RUN that installs, so both run again together.
public struct AptUpdateWithInstallFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "apt-update-with-install", title: "run apt-get update in the RUN that installs",
        rules: ["apt-update-alone"],
        rationale: """
            The RUN that only updates is joined with `&&` to the RUN right after it that installs: the same \
            commands in the same order, the build still stopping at the first that fails, and a change to the \
            install now downloads fresh lists. Only when nothing but comments lies between the two, neither has \
            flags or a heredoc, the update carries no shell state (cd, export, set) to the install, and the \
            install has no `;`, `||` or `&` of its own (after `&&` they would run even when the update failed).
            """,
        examples: [
            FixExample(
                "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\n",
                "FROM debian:12\nRUN apt-get update \\\n    && apt-get install -y curl\n"),
            FixExample(
                "FROM debian:12\nRUN apt-get update -qq\n# the tools\nRUN apt-get install -y \\\n    curl make\n",
                "FROM debian:12\nRUN apt-get update -qq \\\n# the tools\n    && apt-get install -y \\\n    curl make\n"
            ),
            // something else between them: nothing moves
            FixExample(
                "FROM debian:12\nRUN apt-get update\nCOPY list.txt /\nRUN apt-get install -y curl\n",
                "FROM debian:12\nRUN apt-get update\nCOPY list.txt /\nRUN apt-get install -y curl\n"),
            // `|| true` after `&&` would swallow a failed update: nothing moves
            FixExample(
                "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl || true\n",
                "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl || true\n"),
        ])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        InstructionText.steps(context, findings).compactMap { step -> TextEdit? in
            let instructions = step.stage.instructions
            guard let reader = AptLists.laterReader(after: step, context),
                let index = instructions.firstIndex(where: { $0.node.range == step.run.node.range }),
                index + 1 < instructions.count, instructions[index + 1].node.range == reader.run.node.range,
                CreateDeleteMerging.joinable(step.run, first: true, last: false, context: context),
                CreateDeleteMerging.joinable(reader.run, first: false, last: true, context: context)
            else { return nil }
            return InstructionText.join(step.run, reader.run, in: context)
        }
    }
}
