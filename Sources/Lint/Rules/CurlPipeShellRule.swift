import Dockerfile

/// A download piped straight into a shell.
public struct CurlPipeShellRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "curl-pipe-shell", title: "Download piped into a shell", severity: .warning, category: .security,
        rationale: """
            `curl ... | sh` runs whatever the server sends today, unverified, as root. Download to a file, check its
            checksum, then run it; or use `ADD --checksum`.

            Before: `RUN curl -fsSL https://x/install.sh | sh`
            After: `ADD --checksum=sha256:<digest> https://x/install.sh /tmp/install.sh` then `RUN sh /tmp/install.sh`.
            """,
        triggering: [RuleExample("FROM debian:12\nRUN ↓curl -fsSL https://example.com/install.sh | sh")],
        nonTriggering: [
            RuleExample(
                "FROM debian:12\nRUN curl -fsSLo /tmp/i.sh https://example.com/install.sh && sha256sum -c sums && sh /tmp/i.sh"
            ),
            RuleExample("FROM debian:12\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /k.gpg"),
        ])

    static let shells: Set<String> = ["sh", "bash", "zsh", "dash", "ash", "python", "python3", "perl", "ruby", "node"]

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.compactMap { step -> Finding? in
            let commands = step.commands
            for i in commands.indices.dropFirst()
            where commands[i].separator == "|" && Self.shells.contains(commands[i].name) {
                let source = commands[i - 1]
                if ["curl", "wget"].contains(source.name) {
                    return context.finding(
                        description, step.run.node, at: source.name,
                        message: "\(source.name) output runs in \(commands[i].name) unverified",
                        fix: "Download to a file, verify its checksum, then run it")
                }
            }
            return nil
        }
    }
}
