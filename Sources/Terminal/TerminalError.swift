/// Why a full-screen session could not run.
public enum TerminalError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Standard input or output is not a terminal (a pipe, a file, CI).
    case notATerminal
    /// A terminal call failed: its name and errno.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal: "standard input and output must both be a terminal"
        case .system(let call, let errno): "\(call) failed (errno \(errno))"
        }
    }
}
