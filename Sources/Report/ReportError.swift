/// Every way building a report can fail.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The history database could not be read.
    case history(String)
    /// The output could not be written.
    case io(path: String, reason: String)
    /// A Trivy report that cannot be read.
    case trivyReport(path: String, reason: String)

    public var description: String {
        switch self {
        case .history(let why): return "history database: \(why)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .trivyReport(let path, let reason): return "\(path): \(reason)"
        }
    }
}
