import Dockerfile

/// The apt lists removed in the RUN that downloaded them.
public struct AptListsRemovedFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "apt-lists-removed", title: "remove the apt lists in the same RUN", rules: ["apt-lists-not-removed"],
        rationale: """
            The lists `apt-get update` downloads are only needed by the install in the same RUN; removing them \
            there keeps them out of the layer. A later RUN could not: the earlier layer would still hold them. \
            Left alone when a later RUN of the stage installs from these lists without an update of its own (it \
            would find none and fail): `apt-update-with-install` joins the two first where it can.
            """,
        examples: [
            FixExample(
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl",
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*"),
            FixExample(
                "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl\n# done\n",
                "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n# done\n"
            ),
            // a later RUN installs from these lists: removing them would break it
            FixExample(
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY list.txt /\nRUN apt-get install -y make\n",
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl\nCOPY list.txt /\nRUN apt-get install -y make\n"
            ),
        ])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        InstructionText.steps(context, findings).compactMap { step -> TextEdit? in
            let node = step.run.node
            guard !node.isJSON, step.run.heredocs.isEmpty, node.range.end.line <= context.lines.count,
                AptLists.laterReader(after: step, context) == nil
            else {
                return nil
            }
            let last = context.lines[node.range.end.line - 1]
            let trimmed = last.trimmingCharacters(in: .whitespaces)
            // a command left in the background or a dangling operator would change meaning with `&&` after it
            let escape = String(context.dockerfile.escapeToken)
            guard !trimmed.hasSuffix("&"), !trimmed.hasSuffix("|"), !trimmed.hasSuffix(";"), !trimmed.hasSuffix(escape)
            else { return nil }
            // right after the last character that is not a space
            let column = leading(last) + trimmed.unicodeScalars.count + 1
            return .insert(
                " && rm -rf /var/lib/apt/lists/*", at: SourcePosition(line: node.range.end.line, column: column))
        }
    }

    func leading(_ line: String) -> Int { line.unicodeScalars.prefix { $0 == " " || $0 == "\t" }.count }
}
