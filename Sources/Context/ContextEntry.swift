/// One file or symlink of a build context, with what BuildKit's cache keys on: content and mode.
public struct ContextEntry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        case file, symlink, directory
    }

    /// Slash-separated path relative to the context root.
    public var path: String
    public var kind: Kind
    public var size: Int64
    /// Permission bits (`0o755`), as BuildKit's content hash includes them.
    public var mode: UInt32
    /// Content digest: `xxh64:…`, `git:<blob id>`, or `link:<target>` for a symlink; "" when not hashed.
    public var digest: String

    public init(path: String, kind: Kind, size: Int64, mode: UInt32, digest: String) {
        self.path = path
        self.kind = kind
        self.size = size
        self.mode = mode
        self.digest = digest
    }
}

/// How to digest file contents.
public enum ContentHashing: Sendable {
    /// XXH64: fastest; for comparing two working-tree states.
    case fast
    /// git blob ids (SHA-1): comparable with `git ls-tree` of a revision.
    case gitBlob
    /// No content hashing (listing only).
    case none
}
