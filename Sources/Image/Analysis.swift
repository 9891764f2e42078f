import Foundation

/// The layer-by-layer computation: a filesystem tree replayed with whiteouts and opaque directories, the waste
/// each layer leaves, and dive's figures by dive's own definitions.
enum Analysis {
    /// A node of the replayed filesystem.
    final class Node {
        var children: [String: Node] = [:]
        var isDirectory = false
        var size: Int64 = 0
        var layer = -1
        var isFile: Bool { !isDirectory }

        func child(_ name: String) -> Node {
            if let existing = children[name] { return existing }
            let node = Node()
            children[name] = node
            return node
        }

        /// Every file below (and including) this node, with paths relative to `prefix`.
        func files(prefix: String, into out: inout [(String, Node)]) {
            if !isDirectory {
                out.append((prefix, self))
                return
            }
            for (name, child) in children {
                child.files(prefix: prefix.isEmpty ? name : prefix + "/" + name, into: &out)
            }
        }
    }

    static func parent(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    static func lookup(_ root: Node, _ path: String) -> Node? {
        var node = root
        for part in path.split(separator: "/") {
            guard let next = node.children[String(part)] else { return nil }
            node = next
        }
        return node
    }

    static func directory(_ root: Node, _ path: String) -> Node {
        var node = root
        for part in path.split(separator: "/") {
            node = node.child(String(part))
            if !node.isDirectory {
                node.isDirectory = true
                node.size = 0
            }
        }
        return node
    }

    static func run(
        contents: [ImageAnalyzer.LayerContent], config: ImageConfig, diffIDs: [String]
    ) -> (ImageAnalysis, FileTree) {
        let history = config.history ?? []
        var steps: [ImageAnalysis.Step] = []
        var layerInstruction: [String] = []
        var nextLayer = 0
        for entry in history {
            let written = cleanInstruction(entry.createdBy ?? "")
            let text = written.isEmpty ? "(no instruction recorded)" : written
            if entry.emptyLayer == true {
                steps.append(ImageAnalysis.Step(instruction: text, layer: nil, created: entry.created))
            } else if nextLayer < contents.count {
                steps.append(ImageAnalysis.Step(instruction: text, layer: nextLayer, created: entry.created))
                layerInstruction.append(text)
                nextLayer += 1
            }
        }
        while layerInstruction.count < contents.count { layerInstruction.append("(missing from the image history)") }

        let root = Node()
        root.isDirectory = true
        var waste: [ImageAnalysis.Waste] = []
        var layers: [ImageAnalysis.Layer] = []
        var changes: [[FileTree.Change]] = []
        var cumulative: Int64 = 0

        // tar entries come grouped by directory: remember the last parent looked up
        var lastDirectory = "\u{0}"
        var lastDirectoryNode = root
        func parentNode(_ dir: String) -> Node {
            if dir == lastDirectory { return lastDirectoryNode }
            lastDirectory = dir
            lastDirectoryNode = directory(root, dir)
            return lastDirectoryNode
        }

        func wasteAll(_ node: Node, path: String, by layer: Int, how: String) {
            var files: [(String, Node)] = []
            node.files(prefix: path, into: &files)
            for (filePath, file) in files where file.size > 0 {
                waste.append(
                    ImageAnalysis.Waste(
                        path: filePath, bytes: file.size, addedBy: file.layer, removedBy: layer,
                        addedByInstruction: layerInstruction[file.layer], removedByInstruction: layerInstruction[layer],
                        how: how, fix: ""))
            }
        }

        for (index, content) in contents.enumerated() {
            var added = 0
            var modified = 0
            var removed = 0
            var layerChanges: [FileTree.Change] = []
            // 1. opaque directories hide what lower layers put in them
            for entry in content.entries {
                let (dir, name) = parent(entry.path)
                guard name == ".wh..wh..opq" else { continue }
                guard let node = lookup(root, dir), node.isDirectory else { continue }
                var files: [(String, Node)] = []
                node.files(prefix: dir, into: &files)
                removed += files.count
                for (path, file) in files {
                    layerChanges.append(FileTree.Change(path: path, kind: .removed, size: file.size))
                }
                wasteAll(node, path: dir, by: index, how: "hidden by an opaque directory")
                node.children = [:]
            }
            // 2. whiteouts remove files and directories from lower layers
            for entry in content.entries {
                let (dir, name) = parent(entry.path)
                guard name.hasPrefix(".wh."), name != ".wh..wh..opq" else { continue }
                let target = String(name.dropFirst(4))
                guard let parentNode = lookup(root, dir), let node = parentNode.children[target] else { continue }
                let path = dir.isEmpty ? target : dir + "/" + target
                var files: [(String, Node)] = []
                node.files(prefix: path, into: &files)
                removed += files.count
                for (p, file) in files {
                    layerChanges.append(FileTree.Change(path: p, kind: .removed, size: file.size))
                }
                wasteAll(node, path: path, by: index, how: "deleted")
                parentNode.children[target] = nil
            }
            // 3. additions and replacements
            lastDirectory = "\u{0}"
            for entry in content.entries {
                let (dir, name) = parent(entry.path)
                if name.hasPrefix(".wh.") || entry.path.isEmpty { continue }
                let parentNode = parentNode(dir)
                if entry.kind == .directory {
                    let existing = parentNode.children[name]
                    if let existing, !existing.isDirectory {
                        wasteAll(existing, path: entry.path, by: index, how: "replaced by a directory")
                        parentNode.children[name] = nil
                    }
                    let node = parentNode.child(name)
                    if !node.isDirectory {
                        node.isDirectory = true
                        node.size = 0
                    }
                    continue
                }
                if let existing = parentNode.children[name] {
                    wasteAll(
                        existing, path: entry.path, by: index,
                        how: existing.isDirectory ? "replaced by a file" : "overwritten")
                    if existing.isDirectory { parentNode.children[name] = nil }
                    modified += 1
                    layerChanges.append(FileTree.Change(path: entry.path, kind: .modified, size: entry.size))
                } else {
                    added += 1
                    layerChanges.append(FileTree.Change(path: entry.path, kind: .added, size: entry.size))
                }
                let node = parentNode.child(name)
                node.isDirectory = false
                node.children = [:]
                node.size = entry.size
                node.layer = index
            }
            cumulative += content.size
            layers.append(
                ImageAnalysis.Layer(
                    index: index, digest: index < diffIDs.count ? diffIDs[index] : "",
                    instruction: layerInstruction[index],
                    size: content.size, added: added, modified: modified, removed: removed, cumulativeSize: cumulative))
            changes.append(layerChanges)
        }

        for i in waste.indices { waste[i].fix = fix(for: waste[i], contents: contents) }
        waste.sort { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.path < $1.path }

        var finalFiles: [(String, Node)] = []
        root.files(prefix: "", into: &finalFiles)
        var files: [String: FileTree.File] = [:]
        for (path, node) in finalFiles where !path.isEmpty {
            files[path] = FileTree.File(path: path, size: node.size, layer: node.layer)
        }

        let analysis = ImageAnalysis(
            layers: layers, history: steps, totalSize: cumulative, reclaimableBytes: waste.reduce(0) { $0 + $1.bytes },
            waste: waste, dive: DiveEfficiency.compute(contents), finalFiles: files.count,
            finalBytes: files.values.reduce(0) { $0 + $1.size })
        return (analysis, FileTree(files: files, changes: changes))
    }

    /// `/bin/sh -c #(nop) ENV x` → `ENV x`; `RUN /bin/sh -c apt-get ...` → `RUN apt-get ...`.
    static func cleanInstruction(_ text: String) -> String {
        var t = text
        if t.hasPrefix("/bin/sh -c #(nop) ") { t = String(t.dropFirst("/bin/sh -c #(nop) ".count)) }
        if t.hasPrefix("/bin/sh -c ") { t = "RUN " + t.dropFirst("/bin/sh -c ".count) }
        if t.hasPrefix("RUN /bin/sh -c ") { t = "RUN " + t.dropFirst("RUN /bin/sh -c ".count) }
        if t.hasSuffix(" # buildkit") { t = String(t.dropLast(" # buildkit".count)) }
        return t.trimmingCharacters(in: .whitespaces)
    }

    /// The fix for one piece of waste, from what added and what removed it.
    static func fix(for waste: ImageAnalysis.Waste, contents: [ImageAnalyzer.LayerContent]) -> String {
        let added = waste.addedByInstruction
        let removed = waste.removedByInstruction
        if waste.path.hasPrefix("var/lib/apt/lists/") {
            return "apt lists cleanup in the same RUN (&& rm -rf /var/lib/apt/lists/*), or a cache mount"
        }
        if waste.path.hasPrefix("var/cache/") || waste.path.contains("/.cache/") || waste.path.hasPrefix("root/.cache/")
            || waste.path.hasPrefix("tmp/")
        {
            return "cache mount (RUN --mount=type=cache,target=...) or remove in the same RUN"
        }
        if waste.how == "overwritten", removed.contains("chmod") || removed.contains("chown") {
            return "COPY --chmod/--chown instead of RUN chmod/chown in a later layer"
        }
        if added.hasPrefix("RUN"), removed.hasPrefix("RUN") {
            return "remove in the same RUN that creates it"
        }
        if added.hasPrefix("COPY") || added.hasPrefix("ADD") {
            return waste.how == "overwritten"
                ? "copy the file once, in its final form"
                : "keep it out of the context (.dockerignore) or copy only what is needed"
        }
        return "multi-stage: build in another stage and COPY --from only the result"
    }
}
