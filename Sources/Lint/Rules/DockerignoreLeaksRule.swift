import Dockerfile

/// `.dockerignore` lets VCS data, dependencies, secrets or logs into the context.
public struct DockerignoreLeaksRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "dockerignore-leaks", title: ".dockerignore lets unwanted files in", severity: .warning,
        category: .security,
        rationale: """
            A `.dockerignore` exists but does not exclude what is in this context: `.git` (history, sometimes
            credentials), `node_modules` and virtual environments (rebuilt in the image anyway), `.env` and keys
            (secrets), `__pycache__` and logs (noise that busts the cache). With `COPY . .` they end in the image.
            """,
        triggering: [
            RuleExample(
                "FROM node:20-slim\n↓COPY . .",
                files: [".git/HEAD": "", "node_modules/x/i.js": "", ".env": "", "app.js": ""],
                dockerignore: "*.md\n")
        ],
        nonTriggering: [
            RuleExample(
                "FROM node:20-slim\nCOPY . .",
                files: [".git/HEAD": "", "node_modules/x/i.js": "", ".env": "", "app.js": ""],
                dockerignore: ".git\nnode_modules\n.env\n"),
            RuleExample("FROM node:20-slim\nCOPY app.js .", files: [".env": "", "app.js": ""], dockerignore: "*.md\n"),
        ])

    static let unwanted = [
        ".git", ".hg", ".svn", "node_modules", ".venv", "venv", "__pycache__", ".env", ".env.local", ".npmrc",
        ".pypirc",
        "id_rsa", "id_ed25519", ".ssh", ".aws", ".kube", ".docker", "npm-debug.log", ".pytest_cache", ".terraform",
    ]
    static let unwantedSuffixes = [".pem", ".key", ".log", ".p12", ".pfx"]

    public func check(_ context: LintContext) -> [Finding] {
        guard let build = context.buildContext, build.ignoreFile != nil else { return [] }
        guard
            let copy = context.instructions.first(where: { _, instruction in
                if case .copy(let c) = instruction { return DependenciesAfterSourceRule.copiesEverything(c) }
                return false
            })
        else { return [] }
        let topLevel = build.entries.filter { !$0.dropLast().includes("/") }
            .map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        let leaked = topLevel.filter { entry in
            (Self.unwanted.contains(entry) || Self.unwantedSuffixes.contains(where: entry.hasSuffix))
                && build.sends(entry)
        }
        guard !leaked.isEmpty else { return [] }
        return [
            context.finding(
                description, copy.instruction.node,
                message:
                    "\(leaked.joined(separator: ", ")) enter\(leaked.count == 1 ? "s" : "") the context and the image",
                fix: "Add to .dockerignore: \(leaked.joined(separator: " "))")
        ]
    }
}
