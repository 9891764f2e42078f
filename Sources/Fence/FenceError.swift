/// Why the egress proxy refused a request or could not start.
public enum FenceError: Error, Equatable, CustomStringConvertible {
    /// The request is not one the proxy understands (not CONNECT or an absolute `http://` URL, too long).
    case badRequest(String)
    /// The destination is not allowed: a name off the list, a port other than 80 and 443, an address that is
    /// loopback, private, link-local or otherwise not the public internet.
    case denied(String)
    /// The name did not resolve, or the connection failed.
    case unreachable(String)
    /// The proxy's socket could not be bound.
    case cannotListen(path: String, reason: String)

    public var description: String {
        switch self {
        case .badRequest(let reason): "bad request: \(reason)"
        case .denied(let reason): "denied: \(reason)"
        case .unreachable(let reason): "unreachable: \(reason)"
        case .cannotListen(let path, let reason): "cannot listen on \(path): \(reason)"
        }
    }
}
