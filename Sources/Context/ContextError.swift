/// Every way reading a build context or its `.dockerignore` can fail.
public enum ContextError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A pattern Go's `filepath.Match` rejects (an unclosed `[`, a trailing `\` inside a class).
    case badPattern(pattern: String, file: String?, line: Int?)
    /// `!` alone.
    case illegalExclusion(file: String?, line: Int?)
    /// The context directory or a file in it could not be read or written.
    case unreadable(path: String, reason: String)
    /// The operation would destroy a user's file.
    case refused(path: String, reason: String)

    public var description: String {
        func place(_ file: String?, _ line: Int?) -> String {
            guard let file else { return "" }
            return line.map { "\(file):\($0): " } ?? "\(file): "
        }
        switch self {
        case .badPattern(let pattern, let file, let line):
            return "\(place(file, line))syntax error in pattern \(pattern.debugDescription)"
        case .illegalExclusion(let file, let line):
            return "\(place(file, line))illegal exclusion pattern: \"!\""
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .refused(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}
