/// dive's efficiency, wasted bytes and user wasted percent, computed by dive's definitions
/// (wagoodman/dive filetree/efficiency.go and image analysis): per-layer trees without opaque whiteouts,
/// leaves compared across layers, and the surviving copy counted in the waste.
enum DiveEfficiency {
    final class Node {
        var children: [String: Node] = [:]
        var size: Int64 = 0
        var isDir = false
        var isWhiteout = false
    }

    static func add(_ root: Node, _ path: String, size: Int64, isDir: Bool) {
        var node = root
        let parts = path.split(separator: "/").map(String.init)
        for (i, name) in parts.enumerated() {
            if let next = node.children[name] {
                node = next
            } else {
                if name.hasPrefix(".wh..wh..") { return }  // dive does not add opaque markers
                let next = Node()
                next.isWhiteout = name.hasPrefix(".wh.")
                node.children[name] = next
                node = next
            }
            if i == parts.count - 1 {
                node.size = size
                node.isDir = isDir
            }
        }
    }

    /// Paths (whiteout prefix stripped, as dive's node.Path()) of the leaves of a layer tree.
    static func leaves(_ node: Node, prefix: String, into out: inout [(String, Node)]) {
        for (name, child) in node.children {
            let shown = child.isWhiteout ? String(name.dropFirst(4)) : name
            let path = prefix + "/" + shown
            if child.children.isEmpty {
                out.append((path, child))
            } else {
                leaves(child, prefix: path, into: &out)
            }
        }
    }

    static func lookup(_ root: Node, _ path: String) -> Node? {
        var node = root
        for part in path.split(separator: "/") {
            guard let next = node.children[String(part)] else { return nil }
            node = next
        }
        return node
    }

    static func subtreeSize(_ node: Node) -> Int64 {
        node.children.values.reduce(node.size) { $0 + subtreeSize($1) }
    }

    static func compute(_ contents: [ImageAnalyzer.LayerContent]) -> ImageAnalysis.Dive {
        var trees: [Node] = []
        for content in contents {
            let root = Node()
            var lastParent = "\u{0}"
            var lastParentNode: Node? = nil
            for entry in content.entries where !entry.path.isEmpty {
                // entries come grouped by directory: reuse the parent when it is the previous one's
                let (dir, name) = Analysis.parent(entry.path)
                if dir == lastParent, let parent = lastParentNode, !dir.isEmpty {
                    let node: Node
                    if let existing = parent.children[name] {
                        node = existing
                    } else {
                        if name.hasPrefix(".wh..wh..") { continue }
                        node = Node()
                        node.isWhiteout = name.hasPrefix(".wh.")
                        parent.children[name] = node
                    }
                    node.size = entry.size
                    node.isDir = entry.kind == .directory
                    continue
                }
                add(root, entry.path, size: entry.size, isDir: entry.kind == .directory)
                lastParent = dir
                lastParentNode = lookup(root, dir)
            }
            trees.append(root)
        }
        var cumulative: [String: Int64] = [:]
        var minimum: [String: Int64] = [:]
        var counts: [String: Int] = [:]
        let stacked = Node()
        for (index, tree) in trees.enumerated() {
            var layerLeaves: [(String, Node)] = []
            leaves(tree, prefix: "", into: &layerLeaves)
            for (path, node) in layerLeaves {
                var size: Int64 = 0
                if node.isWhiteout {
                    guard index > 0, let previous = lookup(stacked, path) else { continue }
                    if previous.isDir { size = subtreeSize(previous) }
                } else {
                    size = node.size
                }
                cumulative[path, default: 0] += size
                minimum[path] = min(minimum[path] ?? size, size)
                counts[path, default: 0] += 1
            }
            stack(tree, onto: stacked, prefix: "")
        }
        let minimumTotal = minimum.values.reduce(0, +)
        let discovered = cumulative.values.reduce(0, +)
        let efficiency = discovered == 0 ? 1 : Double(minimumTotal) / Double(discovered)
        let wasted = counts.filter { $0.value >= 2 }.keys.reduce(Int64(0)) { $0 + (cumulative[$1] ?? 0) }
        let userSize = contents.dropFirst().reduce(Int64(0)) { $0 + $1.size }
        return ImageAnalysis.Dive(
            efficiency: efficiency, wastedBytes: wasted,
            userWastedPercent: userSize == 0 ? 0 : Double(wasted) / Double(userSize))
    }

    /// dive's Stack: whiteouts remove, everything else is added with its data.
    static func stack(_ upper: Node, onto lower: Node, prefix: String) {
        for (name, child) in upper.children {
            if child.isWhiteout {
                let target = String(name.dropFirst(4))
                lower.children[target] = nil
                continue
            }
            let existing = lower.children[name] ?? Node()
            lower.children[name] = existing
            existing.size = child.size
            existing.isDir = child.isDir
            stack(child, onto: existing, prefix: prefix + "/" + name)
        }
    }
}
