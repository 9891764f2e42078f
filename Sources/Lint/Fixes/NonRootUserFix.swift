import Dockerfile

/// A final stage that never sets USER gets `USER 65534:65534` (nobody) after its last build step.
public struct NonRootUserFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "non-root-user", title: "run as an unprivileged user", rules: ["no-user"],
        rationale: """
            Every build step still runs as root, as before; only the container's process runs as nobody \
            (65534, a numeric user every base image accepts without a passwd entry). The files stay root's and \
            readable; a program that writes into its image at run time fails, which `gym fix --verify` shows \
            by running the default command before and after, rolling the fix back when the run differs.
            """,
        examples: [
            FixExample(
                "FROM python:3.11-slim\nCOPY app.py /app/\nEXPOSE 8000\nCMD [\"python\", \"/app/app.py\"]\n",
                "FROM python:3.11-slim\nCOPY app.py /app/\n# run as an unprivileged user (nobody), not root\nUSER 65534:65534\nEXPOSE 8000\nCMD [\"python\", \"/app/app.py\"]\n"
            ),
            FixExample(
                "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app",
                "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM debian:12-slim\nCOPY --from=build /app /app\n# run as an unprivileged user (nobody), not root\nUSER 65534:65534"
            ),
        ])

    /// Instructions that only describe how the image runs: USER goes before them.
    static let metadata: Set<String> = ["CMD", "ENTRYPOINT", "EXPOSE", "LABEL", "HEALTHCHECK", "STOPSIGNAL", "VOLUME"]

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        guard let stage = context.finalStage,
            findings.contains(where: { $0.range.start.line == stage.from.node.range.start.line })
        else { return [] }
        let user = "# run as an unprivileged user (nobody), not root\nUSER 65534:65534"
        let trailing = stage.instructions.reversed().prefix { Self.metadata.contains($0.keyword) }
        if let first = trailing.last {
            return [.insert(user + "\n", at: SourcePosition(line: first.range.start.line, column: 1))]
        }
        let lastLine = min(stage.range.end.line, context.lines.count)
        return [
            .insert(
                "\n" + user,
                at: SourcePosition(line: lastLine, column: context.lines[lastLine - 1].unicodeScalars.count + 1))
        ]
    }
}
