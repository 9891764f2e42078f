import Dockerfile

/// ENV or ARG names that look like secrets.
public struct SecretsInEnvOrArgRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "secrets-in-env-or-arg", title: "Secret passed through ENV or ARG", severity: .warning,
        category: .security,
        rationale: """
            ENV values are stored in the image config, and ARG values in its history: anyone who can pull the image
            can read them. Pass secrets with a secret mount, used only by the RUN that needs them.

            Before: `ARG NPM_TOKEN` — After: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`.
            """,
        buildkit: "SecretsUsedInArgOrEnv",
        triggering: [
            RuleExample("FROM node:20-slim\nARG ↓NPM_TOKEN\nRUN npm ci"),
            RuleExample("FROM debian:12\nENV ↓DB_PASSWORD=hunter2"),
        ],
        nonTriggering: [
            RuleExample("FROM node:20-slim\nRUN --mount=type=secret,id=npm,env=NPM_TOKEN npm ci"),
            RuleExample("FROM debian:12\nENV PASSWORD_FILE=/run/secrets/db KEYBOARD=us PUBLIC_KEY_URL=x"),
        ])

    static let secretWords = [
        "apikey", "auth", "credential", "credentials", "key", "password", "pass", "passwd", "pwd", "secret", "token",
    ]
    static let allowed = ["public", "file", "path", "url", "name", "user", "id", "type"]

    static func looksSecret(_ name: String) -> Bool {
        let parts = name.lowercased().split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "." }).map(String.init)
        guard let last = parts.last else { return false }
        if parts.contains(where: { allowed.contains($0) }) { return false }
        return secretWords.contains(last)
            || (parts.count > 1 && secretWords.contains(parts[parts.count - 2]) && last == "key")
    }

    public func check(_ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        let args = context.dockerfile.metaArgs.map { ($0.node, $0.declarations.map(\.name)) }
        let instructions = context.instructions.compactMap { _, instruction -> (SyntaxNode, [String])? in
            switch instruction {
            case .arg(let arg): return (arg.node, arg.declarations.map(\.name))
            case .env(let env): return (env.node, env.variables.map(\.key))
            default: return nil
            }
        }
        for (node, names) in args + instructions {
            for name in names where Self.looksSecret(name) {
                findings.append(
                    context.finding(
                        description, node, at: name,
                        message: "\(name) looks like a secret and would be stored in the image",
                        fix:
                            "Use RUN --mount=type=secret,id=\(name.lowercased()),env=\(name) for the step that needs it"
                    ))
            }
        }
        return findings
    }
}
