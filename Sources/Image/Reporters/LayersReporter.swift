import Base
import Foundation
import Rendering

/// `gym layers`' views of an analysis: for a terminal (each layer's size, counts and instruction, the waste
/// with its fix, and optionally the largest files, one layer's changes and the tree), or JSON.
public enum LayersReporter {
    static func size(_ bytes: Int64) -> String { ByteCount.text(bytes) }

    public static func json(_ analysis: ImageAnalysis) throws(RenderingError) -> String {
        try JSONText.encode(analysis)
    }

    /// `top`: the largest files of the final image; `diff`: what that layer changed; `treeLayer`: the file
    /// tree after that layer (-1: the final image).
    public static func text(_ a: ImageAnalysis, tree: FileTree, top: Int?, diff: Int?, treeLayer: Int?) -> String {
        var lines: [String] = []
        lines.append("layer  size        cumulative   added  modified  removed  instruction")
        var layerIndex = 0
        for step in a.history {
            if let index = step.layer {
                let l = a.layers[index]
                lines.append(
                    "\(String(l.index).padding(toLength: 6, withPad: " ", startingAt: 0)) \(size(l.size).padding(toLength: 11, withPad: " ", startingAt: 0)) "
                        + "\(size(l.cumulativeSize).padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(l.added).padding(toLength: 6, withPad: " ", startingAt: 0)) "
                        + "\(String(l.modified).padding(toLength: 9, withPad: " ", startingAt: 0)) \(String(l.removed).padding(toLength: 8, withPad: " ", startingAt: 0)) \(l.instruction.prefix(70))"
                )
                layerIndex = index + 1
            } else {
                lines.append("-      (metadata)                                       \(step.instruction.prefix(70))")
            }
        }
        while layerIndex < a.layers.count {
            let l = a.layers[layerIndex]
            lines.append("\(l.index)      \(size(l.size))   \(l.instruction)")
            layerIndex += 1
        }
        lines.append("")
        lines.append(
            "image size \(size(a.totalSize)); final filesystem \(a.finalFiles) files, \(size(a.finalBytes)); reclaimable \(size(a.reclaimableBytes))"
        )
        lines.append(
            String(
                format: "dive's figures: efficiency %.4f, wasted %@, user wasted %.2f%%", a.dive.efficiency,
                size(a.dive.wastedBytes), a.dive.userWastedPercent * 100))
        if !a.waste.isEmpty {
            lines.append("")
            lines.append("waste (largest first):")
            var grouped: [String: (Int64, Int, ImageAnalysis.Waste)] = [:]
            for w in a.waste {
                let key = "\(w.addedBy)->\(w.removedBy):\(w.how)"
                let current = grouped[key] ?? (0, 0, w)
                grouped[key] = (current.0 + w.bytes, current.1 + 1, current.2)
            }
            // largest first; equal sizes in layer order, so the view is the same every run
            let ordered = grouped.values.sorted {
                $0.0 != $1.0
                    ? $0.0 > $1.0
                    : ($0.2.addedBy, $0.2.removedBy, $0.2.how) < ($1.2.addedBy, $1.2.removedBy, $1.2.how)
            }
            for value in ordered.prefix(10) {
                let (bytes, count, w) = value
                let what = count == 1 ? w.path : "\(count) files, e.g. \(w.path)"
                lines.append("  \(size(bytes).padding(toLength: 10, withPad: " ", startingAt: 0)) \(what)")
                lines.append(
                    "             added by layer \(w.addedBy) (\(w.addedByInstruction.prefix(50))), \(w.how) by layer \(w.removedBy) (\(w.removedByInstruction.prefix(50)))"
                )
                lines.append("             fix: \(w.fix)")
            }
        }
        if let top {
            lines.append("")
            lines.append("largest files:")
            for file in tree.largest(top) {
                lines.append(
                    "  \(size(file.size).padding(toLength: 10, withPad: " ", startingAt: 0)) /\(file.path)  (layer \(file.layer))"
                )
            }
        }
        if let diff {
            lines.append("")
            guard diff >= 0, diff < tree.changes.count else {
                lines.append("no layer \(diff): the image has layers 0-\(tree.changes.count - 1)")
                return lines.joined(separator: "\n")
            }
            lines.append("layer \(diff) changes:")
            for change in tree.changes[diff].sorted(by: { $0.path < $1.path }).prefix(500) {
                lines.append(
                    "  \(change.kind.mark) \(size(change.size).padding(toLength: 10, withPad: " ", startingAt: 0)) /\(change.path)"
                )
            }
        }
        if let treeLayer {
            lines.append("")
            let final = treeLayer < 0 || treeLayer >= tree.changes.count - 1
            let files = final ? tree.files : tree.files(afterLayer: treeLayer)
            lines.append("tree \(final ? "of the final image" : "after layer \(treeLayer)") to depth 3:")
            lines += treeLines(files, sizes: tree.directorySizes(files))
        }
        return lines.joined(separator: "\n")
    }

    /// Directories (with the bytes below them) and files (the largest few per directory, with the layer that
    /// wrote them) to `depth` levels.
    static func treeLines(
        _ files: [FileTree.File], sizes: [String: Int64], depth: Int = 3, filesPerDirectory: Int = 8
    ) -> [String] {
        func parent(_ path: String) -> String {
            path.lastIndex(of: "/").map { String(path[..<$0]) } ?? ""
        }
        func name(_ path: String) -> Substring {
            path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        }
        var subdirectories: [String: [String]] = [:]
        var filesIn: [String: [FileTree.File]] = [:]
        for directory in sizes.keys where !directory.isEmpty {
            subdirectories[parent(directory), default: []].append(directory)
        }
        for file in files { filesIn[parent(file.path), default: []].append(file) }
        var lines = ["  /  \(size(sizes[""] ?? 0))"]
        func walk(_ directory: String, level: Int) {
            guard level < depth else { return }
            let indent = String(repeating: "  ", count: level + 2)
            for sub in (subdirectories[directory] ?? []).sorted() {
                lines.append("\(indent)\(name(sub))/  \(size(sizes[sub] ?? 0))")
                walk(sub, level: level + 1)
            }
            let own = (filesIn[directory] ?? []).sorted { $0.size != $1.size ? $0.size > $1.size : $0.path < $1.path }
            for file in own.prefix(filesPerDirectory) {
                lines.append("\(indent)\(name(file.path))  \(size(file.size))  (layer \(file.layer))")
            }
            if own.count > filesPerDirectory {
                let rest = own.dropFirst(filesPerDirectory)
                lines.append("\(indent)... \(rest.count) more files, \(size(rest.reduce(0) { $0 + $1.size }))")
            }
        }
        walk("", level: 0)
        return lines
    }
}
