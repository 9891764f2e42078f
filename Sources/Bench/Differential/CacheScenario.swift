/// One differential scenario: a small build context with a Dockerfile of several stages, and one change to
/// it. Built, changed, predicted, rebuilt, and compared step by step with what BuildKit did.
public struct CacheScenario: Sendable, Equatable, CustomStringConvertible {
    /// What changes between the two builds.
    public enum Change: Sendable, Equatable {
        case edit(String)
        case touch(String)
        case chmod(String)
        case add(String)
        case delete(String)
        case rename(String, to: String)
        /// Edit a file `.dockerignore` excludes.
        case editIgnored(String)
        case buildArg(String, from: String, to: String)
        /// Build another stage (`--target`) the second time.
        case target(String)
    }

    public var name: String
    /// Context files: path → content (`.dockerignore` among them).
    public var files: [String: String]
    /// Files made executable before the first build.
    public var executables: Set<String>
    public var dockerfile: String
    public var change: Change
    /// `--target` of the first build (nil: the last stage).
    public var targetBefore: String?
    public var argsBefore: [String: String]

    public var targetAfter: String? {
        if case .target(let stage) = change { return stage }
        return targetBefore
    }

    public var argsAfter: [String: String] {
        guard case .buildArg(let name, _, let value) = change else { return argsBefore }
        return argsBefore.merging([name: value]) { $1 }
    }

    public var description: String { name }
}
