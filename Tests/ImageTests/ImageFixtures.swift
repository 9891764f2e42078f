import Base
import Bench
import Context
import Engine
import Foundation

/// Builds real images for the tests and writes them in every format gym reads.
enum ImageFixtures {
    static func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError.io(path: command, reason: "exit \(process.terminationStatus): \(message)")
        }
    }

    /// Builds `dockerfile` (with `files` as context) and saves it; returns the docker-archive path.
    static func build(_ name: String, dockerfile: String, files: [String: String] = [:], in dir: URL) throws -> String {
        let context = dir.appendingPathComponent("ctx-\(name)")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        for (path, content) in files.merging(["Dockerfile": dockerfile], uniquingKeysWith: { $1 }) {
            try content.write(to: context.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }
        let tag = "gym-test-\(name):latest"
        _ = try DockerBuilder().build(
            BuildRequest(
                context: context.path, dockerfile: context.appendingPathComponent("Dockerfile").path, network: "none",
                tag: tag),
            onStep: nil)
        let archive = dir.appendingPathComponent("\(name).tar").path
        try shell("docker image save -o '\(archive)' '\(tag)' && docker image rm -f '\(tag)' >/dev/null")
        return archive
    }

    /// The same image as an OCI layout directory (uncompressed layers), and OCI tars with gzip and zstd layers.
    static func ociVariants(of archive: String, in dir: URL) throws -> [String] {
        let layout = dir.appendingPathComponent("oci-layout").path
        try shell(
            "mkdir -p '\(layout)' && tar -xf '\(archive)' -C '\(layout)' && rm -f '\(layout)/manifest.json' '\(layout)/repositories'"
        )
        var variants = [layout]
        for (name, command, media) in [("gzip", "gzip -n -c", "gzip"), ("zstd", "zstd -q -c", "zstd")] {
            let copy = dir.appendingPathComponent("oci-\(name)").path
            try shell("cp -r '\(layout)' '\(copy)'")
            try recompress(layout: copy, command: command, media: media)
            let tar = copy + ".tar"
            try shell("tar -cf '\(tar)' -C '\(copy)' . && rm -rf '\(copy)'")
            variants.append(tar)
        }
        return variants
    }

    /// The same image in the legacy docker-archive layout (`<id>/layer.tar`, `<config>.json`, `manifest.json`),
    /// a repeated layer stored once and linked from its second place, as `docker save` did before Docker 25.
    static func legacyArchive(from layout: String, in dir: URL) throws -> String {
        let index = try json(layout + "/index.json")
        let manifest = try json(blob(layout, (index["manifests"] as! [[String: Any]])[0]["digest"] as! String))
        let legacy = dir.appendingPathComponent("legacy").path
        try shell("mkdir -p '\(legacy)'")
        let configDigest = (manifest["config"] as! [String: Any])["digest"] as! String
        let configName = configDigest.replacingOccurrences(of: "sha256:", with: "") + ".json"
        try shell("cp '\(blob(layout, configDigest))' '\(legacy)/\(configName)'")
        var paths: [String] = []
        var first: [String: String] = [:]
        for (i, layer) in (manifest["layers"] as! [[String: Any]]).enumerated() {
            let digest = layer["digest"] as! String
            let id = String(format: "%064x", i + 1)
            try shell("mkdir -p '\(legacy)/\(id)' && echo 1.0 > '\(legacy)/\(id)/VERSION'")
            if let original = first[digest] {
                try shell("ln -s '../\(original)/layer.tar' '\(legacy)/\(id)/layer.tar'")
            } else {
                try shell("cp '\(blob(layout, digest))' '\(legacy)/\(id)/layer.tar'")
                first[digest] = id
            }
            paths.append("\(id)/layer.tar")
        }
        let entry: [[String: Any]] = [["Config": configName, "RepoTags": ["legacy:latest"], "Layers": paths]]
        try JSONSerialization.data(withJSONObject: entry).write(to: URL(fileURLWithPath: legacy + "/manifest.json"))
        let tar = legacy + ".tar"
        try shell("tar -cf '\(tar)' -C '\(legacy)' .")
        return tar
    }

    static func blob(_ layout: String, _ digest: String) -> String {
        layout + "/blobs/sha256/" + digest.replacingOccurrences(of: "sha256:", with: "")
    }

    static func json(_ path: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
    }

    static func write(_ object: [String: Any], layout: String) throws -> (String, Int) {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let digest = "sha256:" + SHA256.hex([UInt8](data))
        try data.write(to: URL(fileURLWithPath: blob(layout, digest)))
        return (digest, data.count)
    }

    /// Compresses every layer blob and rewrites the manifest and index to point at the new blobs.
    static func recompress(layout: String, command: String, media: String) throws {
        var index = try json(layout + "/index.json")
        var manifests = index["manifests"] as! [[String: Any]]
        var manifest = try json(blob(layout, manifests[0]["digest"] as! String))
        var layers = manifest["layers"] as! [[String: Any]]
        for i in layers.indices {
            let source = blob(layout, layers[i]["digest"] as! String)
            let target = source + "." + media
            try shell("\(command) '\(source)' > '\(target)'")
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: target)))
            let digest = "sha256:" + SHA256.hex(bytes)
            try shell("mv '\(target)' '\(blob(layout, digest))'")
            layers[i]["digest"] = digest
            layers[i]["size"] = bytes.count
            layers[i]["mediaType"] = "application/vnd.oci.image.layer.v1.tar+\(media)"
        }
        manifest["layers"] = layers
        manifest["mediaType"] = "application/vnd.oci.image.manifest.v1+json"
        let (digest, size) = try write(manifest, layout: layout)
        manifests[0]["digest"] = digest
        manifests[0]["size"] = size
        manifests[0]["mediaType"] = "application/vnd.oci.image.manifest.v1+json"
        index["manifests"] = [manifests[0]]
        let data = try JSONSerialization.data(withJSONObject: index, options: [.sortedKeys])
        try data.write(to: URL(fileURLWithPath: layout + "/index.json"))
    }
}
