/// `apt-get install` answers yes by itself.
public struct AptGetYesFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "apt-get-yes", title: "add -y to apt-get install", rules: ["apt-get-yes"],
        rationale: "A build has no one to answer apt's question; without -y the install aborts. Nothing else changes.",
        examples: [
            FixExample(
                "FROM debian:12\nRUN apt-get update && apt-get install curl",
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl"),
            FixExample(
                "FROM debian:12\nRUN apt-get update \\\n && apt-get install \\\n      curl # keep\n",
                "FROM debian:12\nRUN apt-get update \\\n && apt-get install -y \\\n      curl # keep\n"),
        ])

    let fix = CommandFlagFix(
        pattern: #"\bapt(-get)?(\s+-[^\s]+)*\s+install\b"#, flag: "-y",
        present: ["-y", "--yes", "--assume-yes", "-qq", "-qy", "-yq", "-s", "--simulate"])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        fix.edits(context, findings: findings)
    }
}
