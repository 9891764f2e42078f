/// Every way driving a builder or a benchmark can fail.
public enum BenchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No builder answers (no Docker engine, no buildah/podman).
    case noBuilder(String)
    /// The builder ran but the build failed; `step` is the failing step when known.
    case buildFailed(step: String?, message: String, log: String)
    /// A file or directory could not be read, copied or written.
    case io(path: String, reason: String)
    /// The options cannot work together.
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .noBuilder(let why): return "no builder is reachable: \(why)"
        case .buildFailed(let step, let message, _):
            return step.map { "build failed at \($0): \(message)" } ?? "build failed: \(message)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .invalidOptions(let why): return why
        }
    }
}
