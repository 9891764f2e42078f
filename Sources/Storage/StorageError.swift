/// Every way the SQLite store can fail, with SQLite's own message.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    case open(path: String, message: String)
    case statement(sql: String, message: String)
    case directory(path: String, reason: String)

    public var description: String {
        switch self {
        case .open(let path, let message): return "cannot open database \(path): \(message)"
        case .statement(let sql, let message): return "SQLite error \(message) in: \(sql)"
        case .directory(let path, let reason): return "cannot create \(path): \(reason)"
        }
    }
}
