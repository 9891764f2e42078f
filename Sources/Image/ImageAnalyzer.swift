import Context
import Foundation

/// Reads every layer of an image and computes sizes, changes, waste and dive's figures.
public enum ImageAnalyzer {
    /// The entries of one layer.
    struct LayerContent {
        var entries: [TarEntry]
        var size: Int64
    }

    public static func analyze(
        _ image: LoadedImage, verify: Bool = true
    ) throws(ImageError) -> (ImageAnalysis, FileTree) {
        var contents: [LayerContent] = []
        for (index, blob) in image.layers.enumerated() {
            contents.append(try read(blob, index: index, verify: verify))
        }
        var table = PathTable(capacity: contents.reduce(0) { $0 + $1.entries.count })
        let interned = contents.map { InternedLayer($0.entries, table: &table) }
        return Analysis.run(
            contents: contents, interned: interned, table: table, config: image.config,
            diffIDs: image.layers.map { $0.diffID ?? $0.digest ?? $0.name })
    }

    static func read(_ blob: LayerBlob, index: Int, verify: Bool) throws(ImageError) -> LayerContent {
        let raw = try blob.open()
        var peek = raw
        var head = [UInt8](repeating: 0, count: 4)
        let n = try withBytes(&head) { (b: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in
            try peek.read(into: b)
        }
        let kind: Compression
        if let type = blob.mediaType, type.contains("zstd") {
            kind = .zstd
        } else if let type = blob.mediaType, type.contains("gzip") {
            kind = .gzip
        } else {
            kind = Compression.detect(Array(head[0..<n]))
        }
        let name = "#\(index) \(blob.name)"
        // an uncompressed blob's digest is its diff id: hash it once
        let hashBlob =
            verify && blob.digest != nil && (kind != .none || blob.diffID == nil || blob.digest != blob.diffID)
        var decompressor = try DecompressingSource(DigestingSource(raw, enabled: hashBlob), kind: kind, layer: name)
        defer { decompressor.release() }
        var tar = TarReader(
            DigestingSource(decompressor, enabled: verify && blob.diffID != nil), context: "layer \(name)")
        var entries: [TarEntry] = []
        var size: Int64 = 0
        while let entry = try tar.next() {
            size += entry.size
            entries.append(entry)
        }
        guard verify else { return LayerContent(entries: entries, size: size) }
        // drain the padding after the end-of-archive blocks so the digests cover every byte
        var sink = [UInt8](repeating: 0, count: 1 << 16)
        while try withBytes(
            &sink, { (b: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in try tar.source.read(into: b) }) > 0
        {}
        while try withBytes(
            &sink,
            { (b: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in try tar.source.inner.inner.read(into: b) }
        ) > 0 {}
        if let expected = blob.diffID {
            let actual = tar.source.digest()
            if actual != expected {
                throw .digestMismatch(what: "layer \(name) diff id", expected: expected, actual: actual)
            }
        }
        if let expected = blob.digest, hashBlob {
            let actual = tar.source.inner.inner.digest()
            if actual != expected {
                throw .digestMismatch(what: "layer \(name) blob", expected: expected, actual: actual)
            }
        }
        return LayerContent(entries: entries, size: size)
    }
}
