import Dockerfile

/// gems installed without a version.
public struct GemUnpinnedRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "gem-unpinned", title: "gems without a pinned version", severity: .warning, category: .reproducibility,
        rationale: """
            `gem install rails` installs today's release. Pin it (`gem install rails:7.1.3` or `-v 7.1.3`), or use a
            Gemfile.lock with `bundle install`.
            """,
        hadolint: ["DL3028"],
        triggering: [RuleExample("FROM ruby:3.3-slim\nRUN ↓gem install rails")],
        nonTriggering: [
            RuleExample("FROM ruby:3.3-slim\nRUN gem install rails:7.1.3"),
            RuleExample("FROM ruby:3.3-slim\nRUN gem install rails -v 7.1.3"),
            RuleExample("FROM ruby:3.3-slim\nRUN gem install bundler --version 2.5.6"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.flatMap { step in
            context.commands(step, named: "gem").compactMap { command -> Finding? in
                guard command.arguments.first == "install", !command.has("-v", "--version") else { return nil }
                let gems = command.operands(after: ["install"]).filter { !$0.includes(":") && !$0.includes("$") }
                guard let first = gems.first else { return nil }
                return context.finding(
                    description, step.run.node, at: "gem",
                    message: "\(gems.joined(separator: ", ")) installed without a version",
                    fix: "Pin versions: gem install \(first):<version>")
            }
        }
    }
}
