import Base
import Foundation

/// An image as a registry stores it: the manifest, the config and the layer blobs, byte for byte as the
/// source keeps them (a push sends exactly these). A legacy docker-archive, which has no manifest, gets an
/// OCI manifest naming its uncompressed layers.
public struct ImageBlobs: Sendable {
    public struct Blob: Sendable {
        public var digest: String
        public var size: Int64
        public var mediaType: String
        let open: @Sendable () throws(ImageError) -> FileRangeSource
    }

    public var manifest: [UInt8]
    public var manifestMediaType: String
    public var manifestDigest: String
    public var config: [UInt8]
    public var configDigest: String
    public var layers: [Blob]

    /// Reads one blob (or a range of it) piece by piece, for a streamed upload.
    public struct Reader: Sendable {
        var source: FileRangeSource

        /// The next piece of at most `maximumLength` bytes; nil at the end.
        public mutating func next(maximumLength: Int = 1 << 20) throws(ImageError) -> [UInt8]? {
            guard source.remaining > 0 else { return nil }
            var buffer = [UInt8](repeating: 0, count: Int(min(Int64(maximumLength), source.remaining)))
            var filled = 0
            while filled < buffer.count {
                let result: Result<Int, ImageError> = buffer.withUnsafeMutableBytes { raw in
                    do throws(ImageError) {
                        return .success(try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled...])))
                    } catch {
                        return .failure(error)
                    }
                }
                let count = try result.get()
                if count == 0 { break }
                filled += count
            }
            return filled == 0 ? nil : Array(buffer[..<filled])
        }
    }

    /// A reader of `length` bytes of the blob from `offset` (the whole blob by default).
    public static func reader(_ blob: Blob, offset: Int64 = 0, length: Int64? = nil) throws(ImageError) -> Reader {
        var source = try blob.open()
        _ = try source.skip(offset)
        if let length { source.remaining = min(source.remaining, length) }
        return Reader(source: source)
    }
}

extension LoadedImage {
    /// The blobs a registry needs for this image, with the manifest that names them.
    public func blobs() throws(ImageError) -> ImageBlobs {
        let configDigest = Self.sha256(configBytes)
        var layers: [ImageBlobs.Blob] = []
        for layer in self.layers {
            var reader = ImageBlobs.Reader(source: try layer.open())
            let size = reader.source.remaining
            var digest = layer.digest
            if digest == nil {
                // a legacy archive's layer.tar: its digest is read here (and is its diff id)
                var hasher = SHA256()
                while let piece = try reader.next() { hasher.update(piece) }
                digest = "sha256:" + hasher.finalizeHex()
            }
            layers.append(
                ImageBlobs.Blob(
                    digest: digest!, size: size, mediaType: layer.mediaType ?? MediaType.ociLayer,
                    open: layer.open))
        }
        if let manifestBytes {
            let document = try ImageSource.document(manifestBytes, file: description)
            return ImageBlobs(
                manifest: manifestBytes, manifestMediaType: document.mediaType ?? MediaType.ociManifest,
                manifestDigest: Self.sha256(manifestBytes), config: configBytes, configDigest: configDigest,
                layers: layers)
        }
        let manifest = Manifest(
            config: Descriptor(mediaType: MediaType.ociConfig, digest: configDigest, size: Int64(configBytes.count)),
            layers: layers.map { Descriptor(mediaType: $0.mediaType, digest: $0.digest, size: $0.size) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let bytes = try? encoder.encode(manifest) else {
            throw .metadata(file: description, reason: "cannot write a manifest")
        }
        return ImageBlobs(
            manifest: [UInt8](bytes), manifestMediaType: MediaType.ociManifest,
            manifestDigest: Self.sha256([UInt8](bytes)), config: configBytes, configDigest: configDigest,
            layers: layers)
    }

    static func sha256(_ bytes: [UInt8]) -> String { "sha256:" + SHA256.hex(bytes) }
}
