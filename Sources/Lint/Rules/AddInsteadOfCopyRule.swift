import Dockerfile

/// ADD used for plain local files.
public struct AddInsteadOfCopyRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "add-instead-of-copy", title: "ADD where COPY does", severity: .error, category: .correctness,
        rationale: """
            ADD also fetches URLs and unpacks archives, so `ADD app.tar.gz /app` silently extracts. When you copy
            files, say so with COPY; keep ADD for a remote file with `--checksum` or an archive you mean to unpack.

            Before: `ADD requirements.txt .` — After: `COPY requirements.txt .`.

            Differs from hadolint DL3020 by choice: a source held in a variable (`ADD $URL /x`) may be a URL, so
            it is not reported.
            """,
        hadolint: ["DL3020"],
        triggering: [RuleExample("FROM debian:12\n↓ADD requirements.txt /app/")],
        nonTriggering: [
            RuleExample("FROM debian:12\nCOPY requirements.txt /app/"),
            RuleExample("FROM debian:12\nADD rootfs.tar.gz /"),
            RuleExample("FROM debian:12\nADD --checksum=sha256:abc https://example.com/x.bin /x"),
            RuleExample("FROM debian:12\nADD git@github.com:moby/buildkit.git /src"),
        ])

    static let archiveSuffixes = [
        ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".gz", ".bz2", ".xz", ".zst",
    ]

    public func check(_ context: LintContext) -> [Finding] {
        context.instructions.compactMap { _, instruction -> Finding? in
            guard case .add(let add) = instruction else { return nil }
            let local = add.files.sources.filter { source in
                !source.includes("://") && !source.hasPrefix("git@") && !source.includes("$")
                    && !Self.archiveSuffixes.contains(where: { source.lowercased().hasSuffix($0) })
            }
            guard !local.isEmpty, local.count == add.files.sources.count, add.files.inlineFiles.isEmpty else {
                return nil
            }
            return context.finding(
                description, add.node,
                message: "ADD of local files \(local.joined(separator: " ")): COPY says what happens",
                fix: "Use COPY instead of ADD")
        }
    }
}
