/// Every way reaching the engine (or another builder) can fail, with the engine's own message.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The program (`docker`, `buildah`, `timeout`) is not installed.
    case notInstalled(String)
    /// The engine does not answer (no daemon, a wrong host).
    case notAnswering(host: String, message: String)
    /// A command ran and failed: what was asked, its exit status and what the engine said.
    case failed(command: String, status: Int32, message: String)
    /// The build ran and failed; `step` is the failing step when known.
    case buildFailed(step: String?, message: String, log: String)
    /// A command was stopped after its time limit.
    case timedOut(command: String, seconds: Int)
    /// A file the engine writes or reads (an image id file, a saved archive) could not be used.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .notInstalled(let program): return "\(program) is not installed"
        case .notAnswering(let host, let message): return "the Docker engine at \(host) does not answer: \(message)"
        case .failed(let command, let status, let message): return "\(command) failed (exit \(status)): \(message)"
        case .buildFailed(let step, let message, _):
            return step.map { "build failed at \($0): \(message)" } ?? "build failed: \(message)"
        case .timedOut(let command, let seconds): return "\(command) did not finish within \(seconds) s"
        case .io(let path, let reason): return "\(path): \(reason)"
        }
    }
}
