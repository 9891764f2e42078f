import Dockerfile

/// A `FROM` image reference split into registry, repository, tag and digest.
public struct ImageReference: Sendable, Equatable {
    public var registry: String?
    public var repository: String
    public var tag: String?
    public var digest: String?

    public init(_ text: String) {
        var rest = Substring(text)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        var components = rest.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if components.count > 1, let first = components.first,
            first.includes(".") || first.includes(":") || first == "localhost"
        {
            registry = first
            components.removeFirst()
        }
        var last = components.removeLast()
        if let colon = last.lastIndex(of: ":") {
            tag = String(last[last.index(after: colon)...])
            last = String(last[..<colon])
        }
        components.append(last)
        repository = components.joined(separator: "/")
    }

    /// The repository without `library/` (`python`, `gcr.io/distroless/static` keeps its path).
    public var shortName: String {
        repository.hasPrefix("library/") ? String(repository.dropFirst(8)) : repository
    }

    /// The last path component (`static` for `distroless/static`).
    public var baseName: String { String(repository.split(separator: "/").last ?? "") }
}

extension LintContext {
    /// The stage, then the stage it is built FROM, and so on: what it inherits USER, WORKDIR, ... from.
    public func stageChain(_ stage: Stage) -> [Stage] {
        var chain = [stage]
        while let s = chain.last,
            let parent = dockerfile.stages.prefix(s.index).last(where: { $0.name == s.from.baseName.lowercased() })
        {
            chain.append(parent)
        }
        return chain
    }

    /// Whether a FROM names an earlier stage (then it is not an image).
    public func isStageReference(_ stage: Stage) -> Bool {
        dockerfile.stages.prefix(stage.index).contains { $0.name == stage.from.baseName.lowercased() }
    }

    /// Whether a base name holds a variable (it cannot be judged without build args).
    public func isDynamic(_ text: String) -> Bool { text.includes("$") }

    /// The commands of a RUN named one of `names`.
    public func commands(_ step: RunStep, named names: String...) -> [ShellCommand] {
        step.commands.filter { names.contains($0.name) }
    }
}
