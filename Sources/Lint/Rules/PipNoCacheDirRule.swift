import Dockerfile

/// `pip install` that keeps its download cache in the layer.
public struct PipNoCacheDirRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "pip-no-cache-dir", title: "pip install keeps its cache in the layer", severity: .warning, category: .size,
        rationale: """
            pip stores every wheel it downloads under `~/.cache/pip`; in an image that is dead weight. Pass
            `--no-cache-dir`, or better, mount a cache so rebuilds reuse downloads without storing them.

            Before: `RUN pip install -r requirements.txt`
            After: `RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt`
            or `RUN pip install --no-cache-dir -r requirements.txt`.
            """,
        hadolint: ["DL3042"],
        triggering: [RuleExample("FROM python:3.11-slim\nRUN ↓pip install -r requirements.txt")],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim\nRUN pip install --no-cache-dir -r requirements.txt"),
            RuleExample(
                "FROM python:3.11-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt"),
            RuleExample("FROM python:3.11-slim\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.compactMap { step -> Finding? in
            guard !step.hasCacheMount("/root/.cache", "/home"),
                let install = step.commands.lazy.compactMap(PipInvocation.init).first(where: \.isInstall),
                !install.options.contains(where: { $0.hasPrefix("--no-cache-dir") })
            else { return nil }
            let envDisables = step.stage.instructions.contains { instruction in
                guard case .env(let env) = instruction else { return false }
                return env.variables.contains { $0.key == "PIP_NO_CACHE_DIR" }
            }
            if envDisables || step.script.includes("PIP_NO_CACHE_DIR") { return nil }
            return context.finding(
                description, step.run.node, at: install.token, message: "pip keeps downloaded packages in this layer",
                fix: "Add --no-cache-dir, or use RUN --mount=type=cache,target=/root/.cache/pip")
        }
    }
}
