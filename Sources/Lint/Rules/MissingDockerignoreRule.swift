import Dockerfile

/// A whole-context COPY with no `.dockerignore`.
public struct MissingDockerignoreRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "missing-dockerignore", title: "No .dockerignore", severity: .warning, category: .size,
        rationale: """
            Without a `.dockerignore`, `COPY . .` sends and copies everything: `.git`, `node_modules`, virtual
            environments, local `.env` files with secrets, logs. Builds get slower, images bigger, and secrets leak.
            Start from the course's list:

            ```
            .git/
            node_modules/
            *.md
            .env
            __pycache__/
            *.pyc
            *.log
            ```
            """,
        triggering: [RuleExample("FROM python:3.11-slim\n↓COPY . /app", files: ["app.py": "", ".git/HEAD": ""])],
        nonTriggering: [
            RuleExample("FROM python:3.11-slim\nCOPY . /app", files: ["app.py": ""], dockerignore: ".git\n"),
            RuleExample("FROM python:3.11-slim\nCOPY app.py /app/", files: ["app.py": ""]),
            RuleExample("FROM python:3.11-slim\nCOPY . /app"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        guard let build = context.buildContext, build.ignoreFile == nil else { return [] }
        guard
            let copy = context.instructions.first(where: { _, instruction in
                if case .copy(let c) = instruction { return DependenciesAfterSourceRule.copiesEverything(c) }
                if case .add(let a) = instruction { return a.files.sources.contains { [".", "./"].contains($0) } }
                return false
            })
        else { return [] }
        return [
            context.finding(
                description, copy.instruction.node,
                message: "the whole context is copied and there is no .dockerignore",
                fix: "Add a .dockerignore excluding at least .git, node_modules, .env, __pycache__ and *.log")
        ]
    }
}
