import Image

/// One line of the explorer's file pane: a directory or a file of the filesystem after the selected layer.
public struct FileRow: Sendable, Equatable {
    public var path: String
    public var name: String
    public var depth: Int
    public var isDirectory: Bool
    /// For a directory, the bytes below it.
    public var size: Int64
    /// What the selected layer did to it; for a directory, to what is below it (`modified` when mixed).
    public var change: FileTree.ChangeKind?
    /// Whether its bytes are (or, below a directory, include) waste: stored in this layer's state and gone
    /// from the final image.
    public var wasted: Bool
    public var collapsed: Bool
    /// For a symlink, its target as written.
    public var linkTarget: String? = nil
}

/// The directory tree of one layer's filesystem, built once per layer, filter and changes-only setting, and
/// flattened into rows as directories fold and unfold.
final class FileNode {
    let name: String
    let path: String
    var isDirectory: Bool
    var size: Int64 = 0
    var change: FileTree.ChangeKind?
    var wasted = false
    var linkTarget: String?
    var children: [String: FileNode] = [:]

    init(name: String, path: String, isDirectory: Bool) {
        self.name = name
        self.path = path
        self.isDirectory = isDirectory
    }

    /// One file of the layer's state, with what the layer did to it.
    struct Entry {
        var path: String
        var size: Int64
        var change: FileTree.ChangeKind?
        var wasted: Bool
        var linkTarget: String? = nil
    }

    static func tree(_ entries: [Entry]) -> FileNode {
        let root = FileNode(name: "", path: "", isDirectory: true)
        for entry in entries {
            var node = root
            let parts = entry.path.split(separator: "/")
            for (index, part) in parts.enumerated() {
                let last = index == parts.count - 1
                let key = String(part)
                if let child = node.children[key] {
                    if !last { child.isDirectory = true }
                    node = child
                } else {
                    let path = node.path.isEmpty ? key : node.path + "/" + key
                    let child = FileNode(name: key, path: path, isDirectory: !last)
                    node.children[key] = child
                    node = child
                }
            }
            node.size = entry.size
            node.change = entry.change
            node.wasted = entry.wasted
            node.linkTarget = entry.linkTarget
        }
        root.summarize()
        return root
    }

    /// A directory's size, change and waste from what is below it; returns whether some file below is
    /// unchanged and the kinds of change below (a directory's change is one kind only when every file changed so).
    @discardableResult
    private func summarize() -> (unchanged: Bool, kinds: Set<FileTree.ChangeKind>) {
        guard isDirectory, !children.isEmpty else {
            return (change == nil, change.map { [$0] } ?? [])
        }
        var total: Int64 = 0
        var unchanged = false
        var kinds: Set<FileTree.ChangeKind> = []
        for child in children.values {
            let below = child.summarize()
            total += child.size
            unchanged = unchanged || below.unchanged
            kinds.formUnion(below.kinds)
            wasted = wasted || child.wasted
        }
        size = total
        if kinds.isEmpty {
            change = nil
        } else if kinds.count == 1 && !unchanged {
            change = kinds.first
        } else {
            change = .modified
        }
        return (unchanged, kinds)
    }

    /// The rows shown: children by name, below every directory not folded.
    func rows(collapsed: Set<String>) -> [FileRow] {
        var rows: [FileRow] = []
        func walk(_ node: FileNode, depth: Int) {
            for child in node.children.values.sorted(by: { $0.name < $1.name }) {
                let folded = child.isDirectory && collapsed.contains(child.path)
                rows.append(
                    FileRow(
                        path: child.path, name: child.name, depth: depth, isDirectory: child.isDirectory,
                        size: child.size, change: child.change, wasted: child.wasted, collapsed: folded,
                        linkTarget: child.isDirectory ? nil : child.linkTarget))
                if child.isDirectory && !folded { walk(child, depth: depth + 1) }
            }
        }
        walk(self, depth: 0)
        return rows
    }

    /// Every directory's path.
    var directories: [String] {
        var paths: [String] = []
        func walk(_ node: FileNode) {
            for child in node.children.values where child.isDirectory {
                paths.append(child.path)
                walk(child)
            }
        }
        walk(self)
        return paths
    }
}
