/// Everything the class server, its workers and its client can fail with.
public enum ServerError: Error, Equatable, CustomStringConvertible {
    /// The database refused or failed (its message).
    case database(String)
    /// The request is malformed: what is wrong with it.
    case badRequest(String)
    /// No token, or a token the server does not know.
    case unauthorized(String)
    /// A known token that may not do this.
    case forbidden(String)
    case notFound(String)
    /// The name or class exists already.
    case conflict(String)
    /// A known path asked with a method it does not take.
    case methodNotAllowed(String)
    /// Too many requests for one token: retry after this many seconds.
    case rateLimited(retryAfter: Int)
    /// The request body is larger than the server accepts.
    case tooLarge(limit: Int)
    /// Talking to a class server failed (client side): where, and why.
    case client(url: String, reason: String)
    /// The server answered with an error (client side).
    case refused(status: Int, message: String)
    /// The stored login (`gym login`) is missing or unreadable.
    case login(String)
    /// Grading a submission could not run (not a failed check: the worker could not measure).
    case grading(String)
    /// The files gym ships (the exercises, the web templates) are missing or unreadable: a broken install.
    case installation(String)

    public var description: String {
        switch self {
        case .database(let message): return "database: \(message)"
        case .installation(let message): return "gym's installation: \(message)"
        case .badRequest(let message): return message
        case .unauthorized(let message): return "unauthorized: \(message)"
        case .forbidden(let message): return "forbidden: \(message)"
        case .notFound(let message): return "not found: \(message)"
        case .conflict(let message): return message
        case .methodNotAllowed(let message): return "method not allowed: \(message)"
        case .rateLimited(let seconds): return "too many requests: retry in \(seconds) s"
        case .tooLarge(let limit): return "the request is larger than the server accepts (\(limit) bytes)"
        case .client(let url, let reason): return "\(url): \(reason)"
        case .refused(let status, let message): return "the class server refused (\(status)): \(message)"
        case .login(let message): return message
        case .grading(let message): return "grading: \(message)"
        }
    }
}
