import Base
import Image

/// What the inventory keeps of one file of a layer: a package record's bytes, an executable's Go build
/// info, a Python module file's SHA-256 (for ``PythonFingerprints``). Made on the thread reading the layer, so
/// a binary or module file is never kept whole.
struct InventoryFile: Sendable {
    var record: [UInt8]?
    var goBuild: GoBuildInfo?
    var digest: String?

    /// The largest package record read.
    static let recordLimit: Int64 = 16 << 20
    /// The smallest executable looked into for Go build info (a Go binary is larger).
    static let goBinaryMinimum: Int64 = 64 << 10
    /// The largest file read at all.
    static let limit: Int64 = 512 << 20
    /// The largest Python module file fingerprinted.
    static let moduleLimit: Int64 = 64 << 20

    /// Whether the inventory needs a file of this path, size and mode.
    static func wanted(path: String, size: Int64, executable: Bool) -> Bool {
        if Inventory.isRecord(path) { return size <= recordLimit }
        if executable && size >= goBinaryMinimum && size <= limit { return true }
        return size <= moduleLimit && PythonFingerprints.isModuleFile(path)
    }

    /// What is kept of a wanted file's content (nil when nothing is).
    static func make(path: String, executable: Bool, content: [UInt8]) -> InventoryFile? {
        var file = InventoryFile()
        if Inventory.isRecord(path) {
            file.record = content
        } else if executable && content.count >= goBinaryMinimum {
            file.goBuild = GoBuildInfo.parse(content)
        }
        if PythonFingerprints.isModuleFile(path) && content.count <= moduleLimit {
            file.digest = SHA256.hex(content)
        }
        return file.record == nil && file.goBuild == nil && file.digest == nil ? nil : file
    }

    /// The capture that reads every file the inventory needs in the layers' one pass.
    static let capture = LayerCapture<InventoryFile>(
        limit: limit,
        wants: { wanted(path: $0.path, size: $0.size, executable: $0.mode & 0o111 != 0) },
        transform: { entry, content in make(path: entry.path, executable: entry.mode & 0o111 != 0, content: content) })
}
