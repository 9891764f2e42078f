import Foundation
import Image
import Rendering

/// Writes a pulled image as an OCI image layout (`oci-layout`, `index.json`, `blobs/`), the form skopeo,
/// crane and BuildKit read. Blobs are hard-linked from the store where the file system allows, else copied.
/// A Docker schema 2 manifest is written as its OCI equivalent (the same config and layers under OCI media
/// types, as `skopeo copy` does, since OCI tools skip index entries of Docker types); its digest then differs
/// from the registry's, which the entry keeps in an annotation.
public enum OCILayoutWriter {
    /// Adds `image` to the layout at `directory` (created when missing; an existing layout keeps its other
    /// images, an entry with the same name is replaced). A directory that holds anything else is refused.
    public static func write(_ image: PulledImage, from store: BlobStore, to directory: String) throws(RegistryError) {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: directory, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw .io(path: directory, reason: "exists and is not a directory") }
        let isLayout = manager.fileExists(atPath: directory + "/oci-layout")
        if exists && !isLayout, let contents = try? manager.contentsOfDirectory(atPath: directory), !contents.isEmpty {
            throw .io(path: directory, reason: "not empty and not an OCI layout; gym writes layouts only there")
        }
        do {
            try manager.createDirectory(atPath: directory + "/blobs/sha256", withIntermediateDirectories: true)
        } catch {
            throw .io(path: directory, reason: "cannot create: \(error.localizedDescription)")
        }
        var manifestDigest = image.manifestDigest
        var manifestBytes = image.manifestBytes
        var manifestType = image.manifestMediaType
        var annotations = [
            "org.opencontainers.image.ref.name": image.reference.tag ?? image.reference.digest ?? "latest"
        ]
        var converted: [UInt8]?
        if manifestType == MediaType.dockerManifest {
            var manifest = image.manifest
            manifest.mediaType = MediaType.ociManifest
            manifest.config.mediaType = MediaType.ociConfig
            manifest.layers = manifest.layers.map { layer in
                var layer = layer
                layer.mediaType = MediaType.ociLayerType(layer.mediaType)
                return layer
            }
            let text: String
            do {
                text = try JSONText.encode(manifest)
            } catch {
                throw .io(path: directory, reason: error.description)
            }
            let bytes = Array(text.utf8)
            converted = bytes
            annotations["org.containergym.registry.digest"] = image.manifestDigest
            manifestDigest = RegistryClient.sha256(bytes)
            manifestBytes = Int64(bytes.count)
            manifestType = MediaType.ociManifest
        }
        if let converted {
            try writeAtomically(converted, to: directory + "/" + (try BlobStore.relativePath(manifestDigest)))
        }
        var digests = converted == nil ? [manifestDigest] : []
        digests.append(image.manifest.config.digest)
        digests += image.manifest.layers.map(\.digest)
        for digest in digests {
            let source = try store.path(digest)
            let target = directory + "/" + (try BlobStore.relativePath(digest))
            if manager.fileExists(atPath: target) { continue }
            if link(source, target) != 0 {
                do {
                    try manager.copyItem(atPath: source, toPath: target + ".tmp")
                    try manager.moveItem(atPath: target + ".tmp", toPath: target)
                } catch {
                    throw .io(path: target, reason: "cannot copy the blob: \(error.localizedDescription)")
                }
            }
        }
        var index = Index()
        if isLayout, let data = manager.contents(atPath: directory + "/index.json") {
            guard let existing = try? JSONDecoder().decode(Index.self, from: data) else {
                throw .io(path: directory + "/index.json", reason: "not an OCI index; refusing to overwrite it")
            }
            index = existing
        }
        let name = annotations["org.opencontainers.image.ref.name"]
        index.manifests.removeAll { $0.annotations?["org.opencontainers.image.ref.name"] == name }
        var descriptor = Descriptor(
            mediaType: manifestType, digest: manifestDigest, size: manifestBytes, annotations: annotations)
        descriptor.platform = image.platform.flatMap { Platform(name: $0) }
        index.manifests.append(descriptor)
        let text: String
        do {
            text = try JSONText.encode(index)
        } catch {
            throw .io(path: directory + "/index.json", reason: error.description)
        }
        try writeAtomically(Array(text.utf8), to: directory + "/index.json")
        try writeAtomically(
            Array(#"{"imageLayoutVersion":"\#(MediaType.ociLayoutVersion)"}"#.utf8), to: directory + "/oci-layout")
    }

    static func writeAtomically(_ bytes: [UInt8], to path: String) throws(RegistryError) {
        do {
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .io(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
    }
}
