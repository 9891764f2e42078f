/// One entry of a tar stream, with PAX and GNU long names applied.
public struct TarEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case file, hardLink, symlink, characterDevice, blockDevice, directory, fifo, other(UInt8)
    }

    /// Normalised path relative to the root (no leading `/` or `./`, no `..`).
    public var path: String
    public var kind: Kind
    /// The content size (0 for links, directories and devices).
    public var size: Int64
    public var mode: UInt32
    /// Link target for hard links (normalised) and symlinks (as written).
    public var linkName: String
}
