/// One layer's entries resolved against a ``PathTable``: for each entry, the path id it acts on and how.
struct InternedLayer {
    /// What an entry is to a filesystem replay.
    enum Role: UInt8 {
        /// A file, directory, link or device at `id`.
        case regular
        /// A regular entry below a `.wh..wh..` directory: the replay keeps it, dive never adds it.
        case regularHiddenFromDive
        /// `.wh.NAME`: removes `id`, the path it names.
        case whiteout
        /// `.wh..wh..opq`: hides what lower layers put in directory `id`.
        case opaque
        /// Any other `.wh..wh..` name: only its directory `id` is implied.
        case marker
        /// The root entry (`./`), or a whiteout naming nothing.
        case skipped
    }

    var ids: [Int32]
    var roles: [Role]
    /// Indices of the whiteout and opaque entries, in entry order (most layers have none).
    var removals: [Int]

    static let opaqueName = ".wh..wh..opq"

    init(_ entries: [TarEntry], table: inout PathTable) {
        ids = []
        roles = []
        removals = []
        ids.reserveCapacity(entries.count)
        roles.reserveCapacity(entries.count)
        // tar entries come grouped by directory: resolve a directory only when it differs from the previous one
        var lastDirectory: Substring = "\u{0}"
        var lastDirectoryID = PathTable.root
        var lastDirectoryHidden = false
        for (index, entry) in entries.enumerated() {
            let path = entry.path
            if path.isEmpty {
                ids.append(PathTable.root)
                roles.append(.skipped)
                continue
            }
            let directory: Substring
            let name: Substring
            if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
                directory = path[..<slash]
                name = path[path.index(after: slash)...]
            } else {
                directory = ""
                name = path[...]
            }
            if directory != lastDirectory {
                lastDirectory = directory
                lastDirectoryID = table.intern(directory)
                lastDirectoryHidden =
                    directory.utf8.contains(UInt8(ascii: "."))
                    && directory.split(separator: "/").contains { $0.hasPrefix(".wh..wh..") }
            }
            if !name.utf8.starts(with: ".wh.".utf8) {
                ids.append(table.child(of: lastDirectoryID, named: name))
                roles.append(lastDirectoryHidden ? .regularHiddenFromDive : .regular)
            } else if name == Self.opaqueName {
                ids.append(lastDirectoryID)
                roles.append(.opaque)
                removals.append(index)
            } else if name.hasPrefix(".wh..wh..") {
                ids.append(lastDirectoryID)
                roles.append(.marker)
            } else if name.count == 4 {
                ids.append(PathTable.root)
                roles.append(.skipped)
            } else {
                ids.append(table.child(of: lastDirectoryID, named: name.dropFirst(4)))
                roles.append(.whiteout)
                removals.append(index)
            }
        }
    }
}
