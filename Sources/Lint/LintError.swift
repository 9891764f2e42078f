import Dockerfile

/// Every way linting itself can fail (the findings are not errors).
public enum LintError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownRule(String)
    case invalidConfiguration(file: String, reason: String)
    case unreadable(path: String, reason: String)
    /// A directory given to lint holds no Dockerfile.
    case noDockerfile(directory: String)
    /// A file to fix that does not parse as BuildKit reads it (nothing is rewritten).
    case parse(file: String, DockerfileError)
    /// The file changed on disk since it was read: `gym fix --write` leaves it alone.
    case changedSinceRead(path: String)

    public var description: String {
        switch self {
        case .unknownRule(let name): return "unknown rule \(name.debugDescription): see gym lint --list-rules"
        case .invalidConfiguration(let file, let reason): return "\(file): invalid configuration: \(reason)"
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .noDockerfile(let directory):
            return "\(directory): no Dockerfile, Containerfile, *.Dockerfile or Dockerfile.* found"
        case .parse(let file, let error): return "\(file): \(error); nothing was rewritten"
        case .changedSinceRead(let path):
            return "\(path) changed while gym fix was reading it; nothing was written (run gym fix again)"
        }
    }
}
