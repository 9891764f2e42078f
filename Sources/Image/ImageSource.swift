import Engine
import Foundation

/// A layer of a loaded image: where its blob is and what it should hash to.
struct LayerBlob: Sendable {
    var open: @Sendable () throws(ImageError) -> FileRangeSource
    var digest: String?
    var diffID: String?
    var mediaType: String?
    var name: String
    /// The stored size its descriptor gives, when there is one.
    var size: Int64?
}

/// An image read from a docker-archive, an OCI layout (directory or tar), or the local engine.
public struct LoadedImage: Sendable {
    public var config: ImageConfig
    public var description: String
    var layers: [LayerBlob]
    /// Keeps archive files open while layers are read.
    var archive: ArchiveIndex?
    /// Blob files of an OCI layout directory, opened once and closed with the image.
    var blobFiles: BlobFiles?
    /// The config as stored (its bytes are what its digest names).
    var configBytes: [UInt8] = []
    var configMediaType: String?
    /// The image manifest as stored, when the source has one (a legacy docker-archive has none).
    var manifestBytes: [UInt8]?
    /// Digests of compressed blobs this process verified as they arrived (a registry pull hashes each blob as
    /// it streams into the store): reading them does not hash their compressed bytes again, though each
    /// layer's diff ID is still checked against its uncompressed bytes.
    public var verifiedBlobDigests: Set<String> = []
    /// Set when the layers' blobs are still arriving (a pull in progress): opening a layer waits for its blob.
    var arrivals: BlobArrivals?
}

/// Open file descriptors of blob files, one per path, closed when the image goes away.
final class BlobFiles: @unchecked Sendable {
    private var descriptors: [String: Int32] = [:]
    private let lock = NSLock()

    func source(_ path: String) throws(ImageError) -> FileRangeSource {
        lock.lock()
        defer { lock.unlock() }
        let fd: Int32
        if let open = descriptors[path] {
            fd = open
        } else {
            fd = Foundation.open(path, O_RDONLY)
            guard fd >= 0 else { throw ImageError.io(path: path, reason: "cannot open") }
            descriptors[path] = fd
        }
        var info = stat()
        fstat(fd, &info)
        return FileRangeSource(fd: fd, offset: 0, remaining: Int64(info.st_size))
    }

    deinit { for fd in descriptors.values { close(fd) } }
}

/// Finds and opens images.
public enum ImageSource {
    /// Loads `reference`: a path to a docker-archive or OCI tar, an OCI layout directory, or an image name in
    /// `engine` (saved with `docker image save`; the local engine unless another is given).
    public static func load(
        _ reference: String, platform: String? = nil, engine: Engine = .local
    ) throws(ImageError)
        -> LoadedImage
    {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: reference, isDirectory: &isDirectory) {
            if isDirectory.boolValue { return try loadOCIDirectory(reference, platform: platform) }
            return try loadArchive(reference, platform: platform)
        }
        return try loadFromEngine(reference, platform: platform, engine: engine)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: [UInt8], file: String) throws(ImageError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw .metadata(file: file, reason: "malformed JSON: \(error)")
        }
    }

    static func blobPath(_ digest: String) throws(ImageError) -> String {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, parts[0].allSatisfy({ $0.isLetter || $0.isNumber }),
            parts[1].allSatisfy({ $0.isHexDigit })
        else { throw .metadata(file: digest, reason: "not a digest") }
        return "blobs/\(parts[0])/\(parts[1])"
    }

    /// The digest a blob path names: `blobs/ALGORITHM/HEX` is `ALGORITHM:HEX` (`blobPath` the other way).
    static func blobDigest(_ path: String) -> String {
        path.split(separator: "/").dropFirst().joined(separator: ":")
    }

    /// This machine's platform, the one picked from an index when none is asked for.
    public static func hostPlatform() -> String {
        #if arch(arm64)
        return "linux/arm64"
        #else
        return "linux/amd64"
        #endif
    }

    /// Picks the image manifest from an index, by platform (following nested indexes a few levels).
    static func resolveManifest(
        index: Index, platform: String?, read: (String) throws(ImageError) -> [UInt8], file: String
    ) throws(ImageError) -> (manifest: Manifest, bytes: [UInt8]) {
        var index = index
        var from = file
        for _ in 0..<4 {
            let choice = index.choice(platform: platform)
            guard !choice.isEmpty else { throw .metadata(file: from, reason: "index lists no manifest") }
            guard let descriptor = choice.chosen else {
                throw .platform(requested: choice.wanted, available: choice.available)
            }
            let bytes = try read(try blobPath(descriptor.digest))
            switch try document(bytes, file: descriptor.digest) {
            case .manifest(let manifest): return (manifest, bytes)
            case .index(let inner):
                index = inner
                from = descriptor.digest
            }
        }
        throw .metadata(file: from, reason: "indexes nested more than four deep")
    }

    /// A manifest document (an index or an image manifest), read.
    static func document(_ bytes: [UInt8], file: String) throws(ImageError) -> ManifestDocument {
        do {
            return try ManifestDocument.decode(bytes)
        } catch {
            throw .metadata(file: file, reason: error.description)
        }
    }

    /// An image manifest, read; an index there is an error.
    static func imageManifest(_ bytes: [UInt8], file: String) throws(ImageError) -> Manifest {
        guard case .manifest(let manifest) = try document(bytes, file: file) else {
            throw .metadata(file: file, reason: "an index, not an image manifest")
        }
        return manifest
    }

    static func build(
        manifest: Manifest, manifestBytes: [UInt8]?, read: (String) throws(ImageError) -> [UInt8],
        open: @escaping @Sendable (String) throws(ImageError) -> FileRangeSource, description: String
    ) throws(ImageError) -> LoadedImage {
        let configDescriptor = manifest.config
        let layers = manifest.layers
        let configBytes = try read(try blobPath(configDescriptor.digest))
        let config = try decode(ImageConfig.self, configBytes, file: configDescriptor.digest)
        let diffIDs = config.rootfs?.diffIDs ?? []
        var blobs: [LayerBlob] = []
        for (i, layer) in layers.enumerated() {
            let path = try blobPath(layer.digest)
            blobs.append(
                LayerBlob(
                    open: { () throws(ImageError) -> FileRangeSource in try open(path) }, digest: layer.digest,
                    diffID: i < diffIDs.count ? diffIDs[i] : nil, mediaType: layer.mediaType, name: layer.digest,
                    size: layer.size))
        }
        return LoadedImage(
            config: config, description: description, layers: blobs, archive: nil, blobFiles: nil,
            configBytes: configBytes, configMediaType: configDescriptor.mediaType, manifestBytes: manifestBytes)
    }

    static func loadOCIDirectory(_ dir: String, platform: String?) throws(ImageError) -> LoadedImage {
        func read(_ relative: String) throws(ImageError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: dir + "/" + relative) else {
                throw .metadata(file: dir + "/" + relative, reason: "missing")
            }
            return [UInt8](data)
        }
        guard FileManager.default.fileExists(atPath: dir + "/index.json") else {
            throw .unrecognized(path: dir, reason: "a directory without index.json is not an OCI layout")
        }
        let index = try decode(Index.self, try read("index.json"), file: dir + "/index.json")
        let (manifest, manifestBytes) = try resolveManifest(
            index: index, platform: platform, read: read, file: dir + "/index.json")
        let files = BlobFiles()
        let open: @Sendable (String) throws(ImageError) -> FileRangeSource = {
            (relative: String) throws(ImageError) -> FileRangeSource in try files.source(dir + "/" + relative)
        }
        var image = try build(
            manifest: manifest, manifestBytes: manifestBytes, read: read, open: open, description: "OCI layout \(dir)")
        image.blobFiles = files
        return image
    }

    /// Loads an image whose manifest and blobs are in a content-addressed store laid out as an OCI layout's
    /// `blobs/` (a registry pull's store): `manifestDigest` names an image manifest, not an index.
    public static func load(
        storeRoot root: String, manifestDigest: String, description: String, arrivals: BlobArrivals? = nil
    ) throws(ImageError) -> LoadedImage {
        func read(_ relative: String) throws(ImageError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: root + "/" + relative) else {
                throw .metadata(file: root + "/" + relative, reason: "missing from the blob store")
            }
            return [UInt8](data)
        }
        let manifestBytes = try read(try blobPath(manifestDigest))
        let manifest = try imageManifest(manifestBytes, file: manifestDigest)
        let files = BlobFiles()
        let open: @Sendable (String) throws(ImageError) -> FileRangeSource = {
            (relative: String) throws(ImageError) -> FileRangeSource in
            if let arrivals {
                try arrivals.wait(for: blobDigest(relative))
            }
            return try files.source(root + "/" + relative)
        }
        var image = try build(
            manifest: manifest, manifestBytes: manifestBytes, read: read, open: open, description: description)
        image.blobFiles = files
        image.arrivals = arrivals
        return image
    }

    static func loadArchive(_ path: String, platform: String?) throws(ImageError) -> LoadedImage {
        let archive = try ArchiveIndex(path: path)
        func read(_ relative: String) throws(ImageError) -> [UInt8] { try archive.contents(relative) }
        let open: @Sendable (String) throws(ImageError) -> FileRangeSource = { relative in try archive.source(relative)
        }
        if archive.item("index.json") != nil, archive.item("oci-layout") != nil {
            let index = try decode(Index.self, try read("index.json"), file: "index.json")
            let (manifest, manifestBytes) = try resolveManifest(
                index: index, platform: platform, read: read, file: "index.json")
            var image = try build(
                manifest: manifest, manifestBytes: manifestBytes, read: read,
                open: open, description: "OCI archive \(path)")
            image.archive = archive
            return image
        }
        guard archive.item("manifest.json") != nil else {
            throw .unrecognized(path: path, reason: "no manifest.json (docker-archive) or index.json (OCI)")
        }
        let entries = try decode([DockerManifestEntry].self, try read("manifest.json"), file: "manifest.json")
        guard let entry = entries.first else { throw .metadata(file: "manifest.json", reason: "lists no image") }
        let configBytes = try read(entry.Config)
        let config = try decode(ImageConfig.self, configBytes, file: entry.Config)
        let diffIDs = config.rootfs?.diffIDs ?? []
        var blobs: [LayerBlob] = []
        for (i, layerPath) in entry.Layers.enumerated() {
            let blobDigest =
                layerPath.hasPrefix("blobs/") ? blobDigest(layerPath) : nil
            blobs.append(
                LayerBlob(
                    open: { () throws(ImageError) -> FileRangeSource in try archive.source(layerPath) },
                    digest: blobDigest,
                    diffID: i < diffIDs.count ? diffIDs[i] : nil, mediaType: nil, name: layerPath))
        }
        return LoadedImage(
            config: config, description: "docker-archive \(path)", layers: blobs, archive: archive, blobFiles: nil,
            configBytes: configBytes, configMediaType: nil, manifestBytes: nil)
    }

    static func loadFromEngine(_ name: String, platform: String?, engine: Engine) throws(ImageError) -> LoadedImage {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("gym-save-\(UUID().uuidString).tar")
            .path
        do {
            try engine.save(name, to: file)
        } catch .failed(_, _, let message) {
            try? FileManager.default.removeItem(atPath: file)
            throw .engine("no image \(name.debugDescription) (not a file, and docker image save said: \(message))")
        } catch {
            try? FileManager.default.removeItem(atPath: file)
            throw .engine("cannot save \(name.debugDescription) from the engine: \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: file) }  // the open descriptor keeps the data readable
        var image = try loadArchive(file, platform: platform)
        image.description = "image \(name) from the engine"
        return image
    }
}
