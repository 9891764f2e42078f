import Dockerfile

/// npm packages installed by name without a version.
public struct NpmUnpinnedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "npm-unpinned", title: "npm packages without a pinned version", severity: .warning,
        category: .reproducibility,
        rationale: """
            `npm install express` takes today's release. Put dependencies in package.json with a lock file and
            run `npm ci`; when you must install by name, pin it (`express@4.19.2`).

            Before: `RUN npm install -g typescript` — After: `RUN npm install -g typescript@5.4.5`.
            """,
        hadolint: ["DL3016"],
        triggering: [RuleExample("FROM node:20-slim\nRUN ↓npm install -g typescript")],
        nonTriggering: [
            RuleExample("FROM node:20-slim\nRUN npm install -g typescript@5.4.5"),
            RuleExample("FROM node:20-slim\nRUN npm ci"), RuleExample("FROM node:20-slim\nRUN npm install"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            context.commands(step, named: "npm").compactMap { command -> Finding? in
                guard let verb = command.arguments.first(where: { !$0.hasPrefix("-") }),
                    ["install", "i", "add"].contains(verb)
                else { return nil }
                let packages = command.operands(after: [verb]).filter { package in
                    let name = package.hasPrefix("@") ? String(package.dropFirst()) : package
                    return !name.includes("@") && !package.hasPrefix(".") && !package.hasPrefix("/")
                        && !package.includes(":") && !package.hasSuffix(".tgz") && !package.includes("$")
                }
                guard let first = packages.first else { return nil }
                return context.finding(
                    description, step.run.node, at: "npm",
                    message: "\(packages.joined(separator: ", ")) installed without a version",
                    fix: "Pin versions: \(first)@<version>, or list it in package.json and use npm ci")
            }
        }
    }
}
