import Dockerfile

/// The shape of the fixes that add a flag to a package manager's install command (`apt-get install -y`,
/// `--no-install-recommends`, `pip install --no-cache-dir`): in each RUN a finding names, every command the
/// pattern matches that lacks all of `present` gets `flag` right after the match.
struct CommandFlagFix {
    /// Matches the command up to and including its `install` word.
    let pattern: String
    let flag: String
    /// Words that already do what the flag does.
    let present: [String]

    func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        InstructionText.steps(context, findings).flatMap { step -> [TextEdit] in
            guard !step.run.node.isJSON, step.run.heredocs.isEmpty else { return [] }
            return InstructionText(step.run.node, in: context).matches(pattern).compactMap { match in
                InstructionText.has(match.command, present) ? nil : .insert(" " + flag, at: match.after)
            }
        }
    }
}
