import Dockerfile

/// Every way reading a build context or its `.dockerignore` can fail.
public enum ContextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `.dockerignore` could not be read or holds a pattern moby rejects.
    case ignoreFile(DockerfileError)
    /// The context directory or a file in it could not be read or written.
    case unreadable(path: String, reason: String)
    /// The operation would destroy a user's file.
    case refused(path: String, reason: String)

    public var description: String {
        switch self {
        case .ignoreFile(let error):
            return error.description
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .refused(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
