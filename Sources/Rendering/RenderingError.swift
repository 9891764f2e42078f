/// How rendering a report can fail.
public enum RenderingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A value JSON cannot hold (a NaN or infinite number).
    case encoding(String)

    public var description: String {
        switch self {
        case .encoding(let reason): return "cannot write JSON: \(reason)"
        }
    }
}
