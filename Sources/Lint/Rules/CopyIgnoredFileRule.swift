import Dockerfile

/// COPY or ADD of a path that `.dockerignore` excludes.
public struct CopyIgnoredFileRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "copy-ignored-file", title: "COPY of a file .dockerignore excludes", severity: .warning,
        category: .correctness,
        rationale:
            "The builder never receives files that `.dockerignore` excludes, so this COPY fails or copies nothing. Remove the pattern or the COPY.",
        buildkit: "CopyIgnoredFile",
        triggering: [
            RuleExample(
                "FROM debian:12\n↓COPY config/app.yaml /etc/app/", files: ["config/app.yaml": ""],
                dockerignore: "config\n")
        ],
        nonTriggering: [
            RuleExample(
                "FROM debian:12\nCOPY config/app.yaml /etc/app/", files: ["config/app.yaml": ""], dockerignore: "*.md\n"
            ),
            RuleExample(
                "FROM debian:12 AS a\nFROM debian:12\nCOPY --from=a /config /c", files: ["x": ""],
                dockerignore: "config\n"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        guard let build = context.buildContext, build.ignoreFile != nil else { return [] }
        return context.instructions.compactMap { _, instruction -> Finding? in
            let sources: [String]
            switch instruction {
            case .copy(let c) where c.from == nil: sources = c.files.sources
            case .add(let a): sources = a.files.sources.filter { !$0.includes("://") && !$0.hasPrefix("git@") }
            default: return nil
            }
            guard
                let ignored = sources.first(where: { source in
                    !source.includes("*") && !source.includes("?") && !source.includes("$") && !source.includes("[")
                        && build.ignore.excludes(source)
                })
            else { return nil }
            return context.finding(
                description, instruction.node,
                message: "\(ignored) is excluded by \(build.ignoreFile ?? ".dockerignore")",
                fix: "Remove the matching pattern from .dockerignore, or stop copying \(ignored)")
        }
    }
}
