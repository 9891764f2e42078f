import Base
import Context
import Foundation
import Image

/// Measured on the image: the final filesystem holds no build tool or build input, found by what it is
/// anywhere in the filesystem (a Go toolchain's compiler, `*.go` sources, a C compiler, npm), and nothing
/// under the given paths, whatever the Dockerfile says; and no layer of the image holds one of the starter's
/// build inputs byte for byte, at any path (a file a later step deletes is still shipped in its layer).
struct ImageLacksCheck: ExerciseCheck {
    /// Things recognised by what they are, wherever they sit.
    enum Kind: String, Sendable, CaseIterable {
        case goToolchain = "go-toolchain"
        case goSources = "go-sources"
        /// The C and C++ compilers proper (gcc's cc1, cc1plus, collect2, lto1): what the full `node`, `python`
        /// and `buildpack-deps` images carry and the slim ones do not.
        case cToolchain = "c-toolchain"
        case npm

        func matches(_ path: String) -> Bool {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            switch self {
            case .goToolchain:
                return (name == "compile" || name == "link") && path.contains("pkg/tool/")
                    || path.hasSuffix("src/runtime/runtime.go")
            case .goSources:
                return name.hasSuffix(".go")
            case .cToolchain:
                return ["cc1", "cc1plus", "collect2", "lto1"].contains(name) && path.contains("gcc")
            case .npm:
                return path.contains("node_modules/npm/") || name == "npm-cli.js"
            }
        }
    }

    /// Paths relative to the root (`usr/local/go`).
    let paths: [String]
    var kinds: [Kind] = []
    /// Starter paths (files or directories: `src`, `build.js`) whose files no layer may hold, byte for byte.
    var starterFiles: [String] = []
    /// What those paths are, for the message.
    let reason: String
    let id = "image-lacks"
    var title: String { "the final image carries no \(reason)" }
    let needsEngine = true
    var evidence: String { "the image's final filesystem, read from its layers" }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        guard let analysis = context.analysis() else { return result(false, "cannot read the image") }
        switch analysis {
        case .failure(let error):
            return result(false, "cannot read the image: \(error)")
        case .success(let (_, tree)):
            if let shipped = shippedStarterFile(context, tree) { return shipped }
            let found = tree.files.filter { file in
                paths.contains { file.path == $0 || file.path.hasPrefix($0 + "/") }
                    || kinds.contains { $0.matches(file.path) }
            }
            let sought =
                kinds.map(\.rawValue) + paths.map { "/" + $0 }
            if found.isEmpty {
                let inputs =
                    starterFiles.isEmpty ? "" : "; no layer holds the starter's \(starterFiles.joined(separator: ", "))"
                return result(
                    true, "\(tree.files.count) files read; none is \(sought.joined(separator: ", "))" + inputs)
            }
            let bytes = found.reduce(Int64(0)) { $0 + $1.size }
            return result(
                false,
                "\(found.count) files (\(ByteCount.text(bytes))) of \(sought.joined(separator: ", ")), e.g. /\(found[0].path)",
                advice: "the runtime image needs the program, not what built it")
        }
    }

    /// The first of the starter's build inputs some layer holds byte for byte (a failing result), or nil.
    /// Candidates are every file a layer added or modified with the same size; only their layers are read.
    func shippedStarterFile(_ context: CheckContext, _ tree: FileTree) -> CheckResult? {
        guard !starterFiles.isEmpty else { return nil }
        let starter = context.exercise.starter
        var wanted: [Int64: [(name: String, bytes: [UInt8])]] = [:]
        for path in starterFiles {
            for file in AppIntactCheck.files(under: path, in: starter) {
                // an empty file is every empty file: it proves nothing
                guard let bytes = AppIntactCheck.read(starter.appendingPathComponent(file)), !bytes.isEmpty else {
                    continue
                }
                wanted[Int64(bytes.count), default: []].append((file, bytes))
            }
        }
        guard !wanted.isEmpty else {
            return result(false, "the exercise's starter lacks \(starterFiles.joined(separator: ", "))")
        }
        var candidates: [FileTree.File] = []
        for (layer, changes) in tree.changes.enumerated() {
            for change in changes where change.kind != .removed && wanted[change.size] != nil {
                candidates.append(FileTree.File(path: change.path, size: change.size, layer: layer))
            }
        }
        guard !candidates.isEmpty else { return nil }
        guard let image = try? context.loadedImage() else { return result(false, "cannot read the image") }
        var shipped: (starter: String, path: String, layer: Int)?
        let largest = candidates.map(\.size).max() ?? 0
        // each layer is read once for all its candidates
        for layer in Set(candidates.map(\.layer)).sorted() where shipped == nil {
            let inLayer = candidates.filter { $0.layer == layer }
            do {
                try ImageFiles.visit(image, files: inLayer, limit: largest) { path, data in
                    guard shipped == nil, let match = wanted[Int64(data.count)]?.first(where: { $0.bytes == data })
                    else {
                        return
                    }
                    shipped = (match.name, path, layer)
                }
            } catch {
                return result(false, "cannot read the image: \(error)")
            }
        }
        guard let shipped else { return nil }
        return result(
            false,
            "layer \(shipped.layer) holds the starter's \(shipped.starter) (a build input) at /\(shipped.path), byte for byte",
            advice:
                "build in a stage of its own (or through a bind mount) and copy only what runs into the final image: "
                + "a file deleted by a later step is still shipped in the layer that added it")
    }
}
