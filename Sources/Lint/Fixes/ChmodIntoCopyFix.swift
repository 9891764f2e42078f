import Dockerfile

/// `COPY x /p` then `RUN chmod 755 /p` becomes `COPY --chmod=755 x /p`.
public struct ChmodIntoCopyFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "chmod-into-copy", title: "fold RUN chmod into COPY --chmod", rules: ["chmod-after-copy"],
        rationale: """
            The files end with the same modes, set as they are copied; the RUN that wrote them a second time \
            into a layer of its own goes. Modes are computed as GNU chmod computes them from each file's mode \
            in the context (octal, `ugoa` with `+-=` and `rwxX`, umask 022); a mode ending with setuid, setgid \
            or sticky bits stays a RUN, as BuildKit's COPY --chmod drops them (moby/buildkit#3920).
            """,
        examples: [
            FixExample(
                "FROM debian:12\nCOPY start.sh /usr/local/bin/\nRUN chmod 755 /usr/local/bin/start.sh\nCMD [\"start.sh\"]\n",
                "FROM debian:12\nCOPY --chmod=755 start.sh /usr/local/bin/\nCMD [\"start.sh\"]\n",
                files: ["start.sh": "#!/bin/sh\n"]),
            FixExample(
                "FROM debian:12\nWORKDIR /app\nCOPY run.sh tool.sh ./\n# both executable\nRUN chmod +x run.sh \\\n && chmod +x tool.sh\n",
                "FROM debian:12\nWORKDIR /app\nCOPY --chmod=755 run.sh tool.sh ./\n# both executable\n",
                files: ["run.sh": "#!/bin/sh\n", "tool.sh": "#!/bin/sh\n"]),
        ])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        var edits: [TextEdit] = []
        for plan in ChmodFolding.plans(context) {
            let node = plan.run.node
            guard
                findings.contains(where: { (node.range.start.line...node.range.end.line).contains($0.range.start.line) }
                )
            else { continue }
            for (copy, mode) in plan.copies {
                let start = copy.node.range.start
                edits.append(
                    .insert(
                        " --chmod=\(mode)",
                        at: SourcePosition(line: start.line, column: start.column + copy.node.keyword.count)))
            }
            edits.append(InstructionText.removal(of: node, in: context))
        }
        return edits
    }
}
