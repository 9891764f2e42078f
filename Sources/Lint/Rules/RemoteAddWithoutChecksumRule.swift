import Dockerfile

/// ADD of a URL without `--checksum`.
public struct RemoteAddWithoutChecksumRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "remote-add-without-checksum", title: "Remote ADD without --checksum", severity: .warning,
        category: .security,
        rationale: """
            A file fetched by URL can change or be replaced. `--checksum=sha256:...` makes the build fail instead of
            shipping whatever the server returned, and lets BuildKit cache the download by content.

            Before: `ADD https://example.com/tool.tgz /opt/` — After: `ADD --checksum=sha256:<digest> https://example.com/tool.tgz /opt/`.
            """,
        triggering: [RuleExample("FROM debian:12\n↓ADD https://example.com/tool.tgz /opt/")],
        nonTriggering: [
            RuleExample("FROM debian:12\nADD --checksum=sha256:0123 https://example.com/tool.tgz /opt/"),
            RuleExample("FROM debian:12\nADD tool.tgz /opt/"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.instructions.compactMap { _, instruction -> Finding? in
            guard case .add(let add) = instruction, add.checksum == nil,
                let url = add.files.sources.first(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") })
            else { return nil }
            return context.finding(
                description, add.node, message: "\(url) is fetched without a checksum",
                fix: "Add --checksum=sha256:<digest of the file>")
        }
    }
}
