/// Every way a gym database can fail, with SQLite's own message.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    case open(path: String, message: String)
    case migration(path: String, message: String)
    case statement(sql: String, message: String)
    case directory(path: String, reason: String)
    /// An error thrown by the caller's own code inside a read or write.
    case other(String)

    public var description: String {
        switch self {
        case .open(let path, let message): return "cannot open database \(path): \(message)"
        case .migration(let path, let message): return "cannot bring database \(path) to the current schema: \(message)"
        case .statement(let sql, let message): return "SQLite error \(message)" + (sql.isEmpty ? "" : " in: \(sql)")
        case .directory(let path, let reason): return "cannot create \(path): \(reason)"
        case .other(let message): return message
        }
    }
}
