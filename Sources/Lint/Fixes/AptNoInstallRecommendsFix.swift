/// `apt-get install --no-install-recommends`.
public struct AptNoInstallRecommendsFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "apt-no-install-recommends", title: "add --no-install-recommends to apt-get install",
        rules: ["apt-no-install-recommends"],
        rationale: """
            Recommended packages are not dependencies: the packages asked for still install with everything they \
            depend on, the image loses what nobody asked for. (A program that relied on a recommended package \
            shows it in gym fix --verify's run of the image.)
            """,
        examples: [
            FixExample(
                "FROM debian:12\nRUN apt-get update && apt-get install -y curl",
                "FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl")
        ])

    let fix = CommandFlagFix(
        pattern: #"\bapt(-get)?(\s+-[^\s]+)*\s+install\b"#, flag: "--no-install-recommends",
        present: ["--no-install-recommends", "-s", "--simulate"])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        fix.edits(context, findings: findings)
    }
}
