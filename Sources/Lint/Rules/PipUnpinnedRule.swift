import Dockerfile

/// pip packages installed without a version.
public struct PipUnpinnedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "pip-unpinned", title: "pip packages without a pinned version", severity: .warning,
        category: .reproducibility,
        rationale: """
            `pip install flask` resolves to today's release. Pin versions (`flask==3.0.3`), or better, install from
            a requirements or lock file that you COPY first, so the layer is cached until it changes.

            Before: `RUN pip install flask` — After: `COPY requirements.txt .` then `RUN pip install -r requirements.txt`.

            Differs from hadolint DL3013 by choice: pip called by a path (`bin/pip`, `/opt/venv/bin/pip`) counts,
            and a package given through a variable or pinned by a URL (`git+https://...@v1.2`) is not reported.
            """,
        hadolint: ["DL3013"],
        triggering: [RuleExample("FROM python:3.11-slim\nRUN ↓pip install --no-cache-dir flask")],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim\nRUN pip install --no-cache-dir flask==3.0.3"),
            RuleExample("FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt"),
            RuleExample("FROM python:3.11-slim\nRUN pip install --no-cache-dir ."),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            step.commands.compactMap { command -> Finding? in
                guard let install = PipInvocation(command), install.isInstall else { return nil }
                let unpinned = install.packages.filter { package in
                    !["=", "<", ">", "~", "@", "/", "$"].contains(where: { package.contains($0) })
                        && !package.hasSuffix(".whl") && !package.hasSuffix(".tar.gz") && package != "."
                }
                guard let first = unpinned.first else { return nil }
                return context.finding(
                    description, step.run.node, at: install.token,
                    message: "\(unpinned.joined(separator: ", ")) installed without a version",
                    fix: "Pin versions (\(first)==<version>) or install from a requirements file")
            }
        }
    }
}
