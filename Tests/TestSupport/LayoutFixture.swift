import Base
import Foundation
import Spawn

/// OCI image layouts written from files with the system's tar and gzip, for the image readers' tests: no
/// engine needed. Each layer's tar is made in a fixed order with fixed times, owners and modes.
public enum LayoutFixture {
    /// How a layer's tar is stored.
    public enum Compression: Sendable, CaseIterable {
        /// As it is (`tar` media type).
        case none
        /// One gzip member.
        case gzip
        /// Two gzip members, one after the other (a valid gzip stream that some writers make).
        case gzipMembers
    }

    /// Writes a layout to `directory`: one layer per entry of `layers` (path to content; a path ending in `*` is
    /// written without the `*` and made executable), each stored as `compression` says.
    @discardableResult
    public static func write(
        layers: [[String: String]], compression: Compression, to directory: URL
    ) throws -> [(digest: String, diffID: String)] {
        let blobs = directory.appendingPathComponent("blobs/sha256")
        try FileManager.default.createDirectory(at: blobs, withIntermediateDirectories: true)
        var written: [(digest: String, diffID: String)] = []
        for (index, files) in layers.enumerated() {
            let staging = directory.appendingPathComponent("layer-\(index)")
            for (name, content) in files {
                let executable = name.hasSuffix("*")
                let file = staging.appendingPathComponent(executable ? String(name.dropLast()) : name)
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(content.utf8).write(to: file)
                try FileManager.default.setAttributes(
                    [.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: file.path)
            }
            let tar = directory.appendingPathComponent("layer-\(index).tar")
            try run([
                "tar", "--format=gnu", "--sort=name", "--mtime=@0", "--owner=0", "--group=0", "--numeric-owner",
                "-cf", tar.path, "-C", staging.path, ".",
            ])
            try FileManager.default.removeItem(at: staging)
            let plain = [UInt8](try Data(contentsOf: tar))
            let stored: [UInt8]
            switch compression {
            case .none: stored = plain
            case .gzip: stored = try gzip(plain, in: directory)
            case .gzipMembers:
                let half = plain.count / 2
                stored = try gzip(Array(plain[..<half]), in: directory) + gzip(Array(plain[half...]), in: directory)
            }
            try FileManager.default.removeItem(at: tar)
            let digest = "sha256:" + SHA256.hex(stored)
            try Data(stored).write(to: blobs.appendingPathComponent(String(digest.dropFirst(7))))
            written.append((digest, "sha256:" + SHA256.hex(plain)))
        }
        let layerType =
            compression == .none
            ? "application/vnd.oci.image.layer.v1.tar" : "application/vnd.oci.image.layer.v1.tar+gzip"
        let config: [String: Any] = [
            "architecture": "amd64", "os": "linux",
            "rootfs": ["type": "layers", "diff_ids": written.map(\.diffID)],
            "history": written.indices.map { ["created_by": "layer \($0)"] },
        ]
        let configDescriptor = try blob(config, type: "application/vnd.oci.image.config.v1+json", in: blobs)
        let manifest: [String: Any] = [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": configDescriptor,
            "layers": written.enumerated().map { index, layer in
                [
                    "mediaType": layerType, "digest": layer.digest,
                    "size": try! FileManager.default.attributesOfItem(
                        atPath: blobs.appendingPathComponent(String(layer.digest.dropFirst(7))).path)[.size] as! Int,
                ] as [String: Any]
            },
        ]
        let manifestDescriptor = try blob(manifest, type: "application/vnd.oci.image.manifest.v1+json", in: blobs)
        let index: [String: Any] = ["schemaVersion": 2, "manifests": [manifestDescriptor]]
        try JSONSerialization.data(withJSONObject: index).write(to: directory.appendingPathComponent("index.json"))
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: directory.appendingPathComponent("oci-layout"))
        return written
    }

    /// Stores `object` as a JSON blob; its descriptor.
    static func blob(_ object: [String: Any], type: String, in blobs: URL) throws -> [String: Any] {
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
        let digest = "sha256:" + SHA256.hex(bytes)
        try Data(bytes).write(to: blobs.appendingPathComponent(String(digest.dropFirst(7))))
        return ["mediaType": type, "digest": digest, "size": bytes.count]
    }

    /// `bytes` as one gzip member (the system's gzip, no name or time stored).
    public static func gzip(_ bytes: [UInt8], in directory: URL) throws -> [UInt8] {
        let file = directory.appendingPathComponent("gzip-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        try run(["gzip", "-n", "-6", file.path])
        let zipped = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path + ".gz")))
        try FileManager.default.removeItem(atPath: file.path + ".gz")
        return zipped
    }

    static func run(_ arguments: [String]) throws {
        let output = try Subprocess.run(arguments)
        guard output.succeeded else { throw RegistryTestError("\(arguments[0]): \(output)") }
    }
}
