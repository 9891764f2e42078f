import Base
import Context
import Foundation
import Image

/// The app is the starter's app. Evidence from outside the learner's reach: the exercise pack's own starter
/// files and the built image's filesystem, read by the Image library. The files the learner must not change
/// are byte-equal to the starter's in the workspace; the shipped ones are in the image byte for byte (at any
/// path); artefacts built from them are in the image with their exact size and SHA-256.
struct AppIntactCheck: ExerciseCheck {
    /// A file the build makes from protected inputs, identified by its digest.
    struct Artefact: Sendable {
        /// Path in the final filesystem, relative to the root (`app/model.bin`); nil: anywhere.
        var path: String?
        var size: Int64
        var sha256: String
        /// What it is, for the message (`the model`).
        var what: String
    }

    /// Workspace paths (files or directories) that must equal the starter's.
    let protected: [String]
    /// Starter files that must be in the image unchanged.
    let shipped: [String]
    let artefacts: [Artefact]
    let id = "app-intact"
    var title: String { "the app is the starter's app, unchanged in the workspace and in the image" }
    var needsEngine: Bool { !shipped.isEmpty || !artefacts.isEmpty }
    var evidence: String {
        "the exercise pack's starter files and digests, compared with the workspace and with the built image's layers"
    }

    /// The SHA-256 of `bytes`, as bytes.
    static func rawDigest(_ bytes: [UInt8]) -> [UInt8] {
        var hash = SHA256()
        hash.update(bytes)
        return hash.finalize()
    }

    /// The SHA-256 of `bytes`, in hex.
    static func digest(_ bytes: [UInt8]) -> String { SHA256.hex(bytes) }

    /// The starter's files under `path` (a file or a directory), relative to the starter.
    static func files(under path: String, in root: URL) -> [String] {
        var isDirectory: ObjCBool = false
        let url = root.appendingPathComponent(path)
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { return [path] }
        let inside = FileManager.default.enumerator(atPath: url.path)?.allObjects as? [String] ?? []
        return inside.sorted().map { path + "/" + $0 }.filter { relative in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(
                atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }
    }

    static func read(_ url: URL) -> [UInt8]? {
        (try? Data(contentsOf: url)).map { [UInt8]($0) }
    }

    func run(_ context: CheckContext) -> CheckResult {
        let starter = context.exercise.starter
        var changed: [String] = []
        var checked = 0
        for path in protected {
            for file in Self.files(under: path, in: starter) {
                checked += 1
                let mine = Self.read(context.workspace.appendingPathComponent(file))
                if mine != Self.read(starter.appendingPathComponent(file)) {
                    changed.append(mine == nil ? "\(file) (missing)" : file)
                }
            }
        }
        if !changed.isEmpty {
            return result(
                false, "changed in the workspace: \(changed.joined(separator: ", "))",
                advice: "the exercise is about the Dockerfile: restore \(changed[0]) (`gym reset` keeps a backup)")
        }
        var evidence = ["\(checked) protected file\(checked == 1 ? "" : "s") equal to the starter's"]
        guard needsEngine else { return result(true, evidence[0]) }
        if let failure = unbuilt(context) { return failure }
        guard case .success(let (_, tree))? = context.analysis(), let image = try? context.loadedImage() else {
            return result(false, "cannot read the image")
        }
        for file in shipped {
            guard let wanted = Self.read(starter.appendingPathComponent(file)) else {
                return result(false, "the exercise's starter lacks \(file)")
            }
            let candidates = tree.files.filter { $0.size == Int64(wanted.count) }
            var found: String?
            do {
                try ImageFiles.visit(image, files: candidates, limit: Int64(wanted.count)) { path, data in
                    if found == nil, data == wanted { found = path }
                }
            } catch {
                return result(false, "cannot read the image: \(error)")
            }
            guard let found else {
                return result(
                    false, "no file in the image is the starter's \(file), byte for byte",
                    advice: "ship the app as it is: the image must run the starter's \(file)")
            }
            evidence.append("\(file) at /\(found)")
        }
        for artefact in artefacts {
            let candidates: [FileTree.File]
            if let path = artefact.path {
                guard let file = tree.file(at: path) else {
                    return result(false, "\(artefact.what) is not at /\(path) in the image")
                }
                candidates = [file]
            } else {
                candidates = tree.files.filter { $0.size == artefact.size }
            }
            var found: String?
            var seen: [String] = []
            do {
                try ImageFiles.visit(image, files: candidates, limit: max(artefact.size, 1)) { path, data in
                    let digest = Self.digest(data)
                    if data.count == Int(artefact.size), digest == artefact.sha256 { found = path }
                    seen.append("\(data.count) bytes, sha256 \(digest.prefix(12))")
                }
            } catch {
                return result(false, "cannot read the image: \(error)")
            }
            guard let found else {
                let measured: String
                if let path = artefact.path {
                    let actual = seen.first ?? "\(candidates[0].size) bytes"
                    measured = "/\(path) is not \(artefact.what) (\(actual))"
                } else {
                    measured = "no file of the image is \(artefact.what)"
                }
                return result(
                    false,
                    measured + ": expected \(artefact.size) bytes, sha256 \(artefact.sha256.prefix(12))",
                    advice: "\(artefact.what) must be the one the starter's build makes, not a stand-in")
            }
            evidence.append("/\(found): \(artefact.what), sha256 \(artefact.sha256.prefix(12))")
        }
        return result(true, evidence.joined(separator: "; "))
    }
}
