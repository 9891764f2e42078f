/// `pip install --no-cache-dir`.
public struct PipNoCacheDirFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "pip-no-cache-dir", title: "add --no-cache-dir to pip install", rules: ["pip-no-cache-dir"],
        rationale: "The same packages install; pip's download cache no longer stays in the layer.",
        examples: [
            FixExample(
                "FROM python:3.11-slim\nRUN pip install -r requirements.txt",
                "FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt"),
            FixExample(
                "FROM python:3.11-slim\nRUN python3 -m pip install --upgrade pip && pip3 install flask",
                "FROM python:3.11-slim\nRUN python3 -m pip install --no-cache-dir --upgrade pip && pip3 install --no-cache-dir flask"
            ),
        ])

    let fix = CommandFlagFix(
        pattern: #"\b(pip3?(\.\d+)?|python3?(\.\d+)?\s+-m\s+pip)(\s+-[^\s]+)*\s+install\b"#, flag: "--no-cache-dir",
        present: ["--no-cache-dir"])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        fix.edits(context, findings: findings)
    }
}
