import Foundation

/// The layer-by-layer computation: a filesystem tree replayed with whiteouts and opaque directories, the waste
/// each layer leaves, and dive's figures by dive's own definitions.
enum LayerReplay {
    /// The filesystem replayed layer by layer, by path id. A present node's ancestors are present directories;
    /// a removed node takes its whole subtree with it.
    struct Replay {
        let table: PathTable
        var present: [Bool]
        var isDirectory: [Bool]
        var size: [Int64]
        var layer: [Int]
        var mode: [UInt32]
        /// The path of the entry that made each file (directories made implicitly have none).
        var path: [String]
        /// Symlink targets, as written, for the paths that are symlinks now.
        var links: [Int: String] = [:]

        init(table: PathTable) {
            self.table = table
            present = [Bool](repeating: false, count: table.count)
            isDirectory = present
            size = [Int64](repeating: 0, count: table.count)
            layer = [Int](repeating: -1, count: table.count)
            mode = [UInt32](repeating: 0, count: table.count)
            path = [String](repeating: "", count: table.count)
            present[Int(PathTable.root)] = true
            isDirectory[Int(PathTable.root)] = true
        }

        mutating func create(_ id: Int) {
            present[id] = true
            isDirectory[id] = false
            size[id] = 0
            layer[id] = -1
        }

        /// The files (non-directories) at or below `id`.
        func files(under id: Int, into out: inout [Int]) {
            if !isDirectory[id] {
                out.append(id)
                return
            }
            var child = table.firstChild[id]
            while child >= 0 {
                if present[Int(child)] { files(under: Int(child), into: &out) }
                child = table.nextSibling[Int(child)]
            }
        }

        /// Removes everything below `id`.
        mutating func clear(below id: Int) {
            var child = table.firstChild[id]
            while child >= 0 {
                if present[Int(child)] { remove(Int(child)) }
                child = table.nextSibling[Int(child)]
            }
        }

        mutating func remove(_ id: Int) {
            clear(below: id)
            present[id] = false
        }

        /// `id` and its ancestors exist as directories; a file on the way becomes a directory.
        mutating func ensureDirectory(_ id: Int) {
            var node = id
            while node >= 0, !(present[node] && isDirectory[node]) {
                if !present[node] { create(node) }
                isDirectory[node] = true
                size[node] = 0
                node = Int(table.parent[node])
            }
        }
    }

    static func run(
        contents: [ImageAnalyzer.LayerContent], interned: [InternedLayer], table: PathTable, config: ImageConfig,
        diffIDs: [String]
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

        var fs = Replay(table: table)
        var waste: [ImageAnalysis.Waste] = []
        var layers: [ImageAnalysis.Layer] = []
        var changes: [[FileTree.Change]] = []
        var cumulative: Int64 = 0
        var files: [Int] = []

        for (index, content) in contents.enumerated() {
            let layer = interned[index]
            var added = 0
            var modified = 0
            var removed = 0
            var layerChanges: [FileTree.Change] = []
            layerChanges.reserveCapacity(content.entries.count)

            /// Records the files at or below `id` as removed by this layer, and their bytes as waste.
            func discard(_ id: Int, how: String, countRemoved: Bool) {
                files.removeAll(keepingCapacity: true)
                fs.files(under: id, into: &files)
                for file in files {
                    if countRemoved {
                        removed += 1
                        layerChanges.append(FileTree.Change(path: fs.path[file], kind: .removed, size: fs.size[file]))
                    }
                    guard fs.size[file] > 0, fs.layer[file] >= 0 else { continue }
                    waste.append(
                        ImageAnalysis.Waste(
                            path: fs.path[file], bytes: fs.size[file], addedBy: fs.layer[file], removedBy: index,
                            addedByInstruction: layerInstruction[fs.layer[file]],
                            removedByInstruction: layerInstruction[index], how: how, fix: ""))
                }
            }

            // 1. opaque directories hide what lower layers put in them
            for i in layer.removals where layer.roles[i] == .opaque {
                let directory = Int(layer.ids[i])
                guard fs.present[directory], fs.isDirectory[directory] else { continue }
                discard(directory, how: "hidden by an opaque directory", countRemoved: true)
                fs.clear(below: directory)
            }
            // 2. whiteouts remove files and directories from lower layers
            for i in layer.removals where layer.roles[i] == .whiteout {
                let target = Int(layer.ids[i])
                guard fs.present[target] else { continue }
                discard(target, how: "deleted", countRemoved: true)
                fs.remove(target)
            }
            // 3. additions and replacements
            for (i, entry) in content.entries.enumerated() {
                let role = layer.roles[i]
                guard role == .regular || role == .regularHiddenFromDive else { continue }
                let id = Int(layer.ids[i])
                fs.ensureDirectory(Int(table.parent[id]))
                if entry.kind == .directory {
                    if fs.present[id], !fs.isDirectory[id] {
                        discard(id, how: "replaced by a directory", countRemoved: false)
                        fs.remove(id)
                    }
                    if !fs.present[id] { fs.create(id) }
                    if !fs.isDirectory[id] {
                        fs.isDirectory[id] = true
                        fs.size[id] = 0
                    }
                    continue
                }
                if fs.present[id] {
                    let wasDirectory = fs.isDirectory[id]
                    discard(id, how: wasDirectory ? "replaced by a file" : "overwritten", countRemoved: false)
                    if wasDirectory { fs.remove(id) }
                    modified += 1
                    layerChanges.append(FileTree.Change(path: entry.path, kind: .modified, size: entry.size))
                } else {
                    added += 1
                    layerChanges.append(FileTree.Change(path: entry.path, kind: .added, size: entry.size))
                }
                if !fs.present[id] { fs.create(id) }
                fs.size[id] = entry.size
                fs.layer[id] = index
                fs.mode[id] = entry.mode
                fs.path[id] = entry.path
                if entry.kind == .symlink {
                    fs.links[id] = entry.linkName
                } else if !fs.links.isEmpty {
                    fs.links[id] = nil
                }
            }
            cumulative += content.size
            layers.append(
                ImageAnalysis.Layer(
                    index: index, digest: index < diffIDs.count ? diffIDs[index] : "",
                    instruction: layerInstruction[index],
                    size: content.size, added: added, modified: modified, removed: removed, cumulativeSize: cumulative))
            changes.append(layerChanges)
        }

        for i in waste.indices { waste[i].fix = fix(for: waste[i]) }
        waste.sort { $0.bytes != $1.bytes ? $0.bytes > $1.bytes : $0.path < $1.path }

        var finalFiles: [FileTree.File] = []
        var finalBytes: Int64 = 0
        for id in 1..<table.count where fs.present[id] && !fs.isDirectory[id] {
            finalFiles.append(
                FileTree.File(
                    path: fs.path[id], size: fs.size[id], layer: fs.layer[id], mode: fs.mode[id],
                    linkTarget: fs.links[id]))
            finalBytes += fs.size[id]
        }

        let analysis = ImageAnalysis(
            layers: layers, history: steps, totalSize: cumulative, reclaimableBytes: waste.reduce(0) { $0 + $1.bytes },
            waste: waste, dive: DiveEfficiency.compute(contents: contents, interned: interned, table: table),
            finalFiles: finalFiles.count, finalBytes: finalBytes)
        return (analysis, FileTree(files: finalFiles, changes: changes))
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
    static func fix(for waste: ImageAnalysis.Waste) -> String {
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
