import Engine

/// Every way a benchmark, a fix verification or a cleanup can fail.
public enum BenchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The engine (or another builder) failed: it does not answer, a command failed, a build failed.
    case engine(EngineError)
    /// A file or directory could not be read, copied or written.
    case io(path: String, reason: String)
    /// The options cannot work together.
    case invalidOptions(String)

    public var description: String {
        switch self {
        case .engine(let error): return error.description
        case .io(let path, let reason): return "\(path): \(reason)"
        case .invalidOptions(let why): return why
        }
    }

    /// The build's own failure, when it was one: the failing step, the message, the log.
    public var buildFailure: (step: String?, message: String, log: String)? {
        guard case .engine(.buildFailed(let step, let message, let log)) = self else { return nil }
        return (step, message, log)
    }
}

/// Runs engine work inside a function that throws `BenchError`.
func onEngine<T>(_ body: () throws(EngineError) -> T) throws(BenchError) -> T {
    do { return try body() } catch { throw .engine(error) }
}
