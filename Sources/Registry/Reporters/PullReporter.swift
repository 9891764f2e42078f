import Base
import Image
import Rendering

/// Renders what a pull did, for a person or as JSON.
public enum PullReporter {
    public static func text(_ image: PulledImage, store: BlobStore, layout: String?) -> String {
        let layers = image.manifest.layers
        let size = layers.reduce(0) { $0 + $1.size }
        var lines = ["pulled \(image.reference)"]
        lines.append("  manifest  \(image.manifestDigest)")
        if let index = image.indexDigest {
            lines.append("  index     \(index) (platform \(image.platform ?? "default"))")
        }
        lines.append("  layers    \(layers.count), \(ByteCount.text(size)) compressed")
        lines.append(
            "  fetched   \(image.fetchedBlobs) blob\(image.fetchedBlobs == 1 ? "" : "s"), \(ByteCount.text(image.fetchedBytes))"
                + (image.fetchedBlobs < layers.count + 1 ? " (the rest were in the store)" : ""))
        lines.append("  store     \(store.root)")
        if let layout { lines.append("  layout    \(layout)") }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Summary: Encodable {
        var reference: String
        var registry: String
        var repository: String
        var manifestDigest: String
        var indexDigest: String?
        var platform: String?
        var mediaType: String
        var layers: [Descriptor]
        var config: Descriptor?
        var fetchedBlobs: Int
        var fetchedBytes: Int64
        var store: String
        var layout: String?
    }

    public static func json(_ image: PulledImage, store: BlobStore, layout: String?) throws(RenderingError) -> String {
        try JSONText.encode(
            Summary(
                reference: image.reference.description, registry: image.reference.registry,
                repository: image.reference.repository, manifestDigest: image.manifestDigest,
                indexDigest: image.indexDigest, platform: image.platform, mediaType: image.manifestMediaType,
                layers: image.manifest.layers, config: image.manifest.config, fetchedBlobs: image.fetchedBlobs,
                fetchedBytes: image.fetchedBytes, store: store.root, layout: layout)) + "\n"
    }

}
