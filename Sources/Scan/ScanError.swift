/// Every way scanning can fail, with the offending value in the message.
public enum ScanError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A vulnerability record could not be read.
    case badRecord(file: String, reason: String)
    /// The vulnerability database directory is missing or empty.
    case noDatabase(String)
    /// The image could not be read.
    case image(String)
    /// An ignore file could not be read.
    case ignoreFile(path: String, reason: String)
    /// Records could not be downloaded from a mirror.
    case download(url: String, reason: String)
    /// The index could not be read or written.
    case index(String)

    public var description: String {
        switch self {
        case .badRecord(let file, let reason): return "\(file): \(reason)"
        case .noDatabase(let why): return "no vulnerability database: \(why)"
        case .image(let why): return why
        case .ignoreFile(let path, let reason): return "\(path): \(reason)"
        case .download(let url, let reason): return "\(url): \(reason)"
        case .index(let why): return "vulnerability index: \(why)"
        }
    }
}
