import Dispatch
import Foundation

/// Reads every layer of an image and computes sizes, changes, waste and dive's figures.
///
/// Layers are read in parallel, one job per layer. An uncompressed layer is read by seeking from header to
/// header; when it is verified, a second job hashes the whole blob with large sequential reads, so on a
/// multi-core machine the digests cost the time of the largest blob rather than the sum of everything.
public enum ImageAnalyzer {
    /// The entries of one layer.
    struct LayerContent: Sendable {
        var entries: [TarEntry]
        var size: Int64
    }

    /// One unit of parallel work.
    enum Job: Sendable {
        /// Read layer `index`'s entries, verifying its digests on the way when `verifying`.
        case read(index: Int, kind: Compression, verifying: Bool)
        /// Hash layer `index`'s uncompressed blob and check it against the descriptor and the diff id.
        case hash(index: Int)
    }

    /// Reads `image`'s layers, verifying every blob's digest and diff ID when `verify`; a blob `remembered`
    /// says was verified before, with the same bytes on disk, is not hashed again, and the blobs verified
    /// now are remembered there.
    public static func analyze(
        _ image: LoadedImage, verify: Bool = true, remembered: VerifiedBlobs? = nil
    ) throws(ImageError) -> (ImageAnalysis, FileTree) {
        let layers = image.layers
        var jobs: [(job: Job, cost: Int64)] = []
        var verifiedNow: [String] = []
        for (index, blob) in layers.enumerated() {
            let raw = try blob.open()
            let kind = try compression(of: blob, raw)
            var verify = verify
            if verify, let remembered {
                let digests = [blob.digest, blob.diffID].compactMap { $0 }
                if let identity = remembered.identity(
                    fd: raw.fd, offset: raw.offset, length: raw.remaining, digests: digests)
                {
                    if remembered.contains(identity) { verify = false } else { verifiedNow.append(identity) }
                }
            }
            if verify, kind == .none, raw.canSeek {
                jobs.append((.hash(index: index), raw.remaining))
                jobs.append((.read(index: index, kind: kind, verifying: false), raw.remaining / 8))
            } else {
                jobs.append((.read(index: index, kind: kind, verifying: verify), raw.remaining))
            }
        }
        // the longest jobs first, so the last one to finish is short
        let ordered = jobs.sorted { $0.cost > $1.cost }.map(\.job)
        let results = JobResults(layers: layers.count)
        DispatchQueue.concurrentPerform(iterations: ordered.count) { i in
            switch ordered[i] {
            case .read(let index, let kind, let verifying):
                results.record(
                    index,
                    Result { () throws(ImageError) -> LayerContent in
                        try read(layers[index], index: index, kind: kind, verify: verifying)
                    })
            case .hash(let index):
                if case .failure(let error) = Result(catching: { () throws(ImageError) in
                    try verifyWhole(layers[index], index: index)
                }) {
                    results.record(index, .failure(error))
                }
            }
        }
        let layerContents = try results.layerContents()
        // every job succeeded: each blob hashed now matched its digests
        remembered?.remember(verifiedNow)
        var table = PathTable(capacity: layerContents.reduce(0) { $0 + $1.entries.count })
        let interned = layerContents.map { InternedLayer($0.entries, table: &table) }
        return LayerReplay.run(
            contents: layerContents, interned: interned, table: table, config: image.config,
            diffIDs: layers.map { $0.diffID ?? $0.digest ?? $0.name })
    }

    /// What the parallel jobs produced, per layer.
    final class JobResults: @unchecked Sendable {
        private let lock = NSLock()
        private var contents: [LayerContent?]
        private var failures: [ImageError?]

        init(layers: Int) {
            contents = [LayerContent?](repeating: nil, count: layers)
            failures = [ImageError?](repeating: nil, count: layers)
        }

        func record(_ index: Int, _ result: Result<LayerContent, ImageError>) {
            lock.withLock {
                switch result {
                case .success(let content): contents[index] = content
                case .failure(let error): failures[index] = failures[index] ?? error
                }
            }
        }

        /// Every layer's entries, or the first failing layer's error (the same every run).
        func layerContents() throws(ImageError) -> [LayerContent] {
            lock.lock()
            defer { lock.unlock() }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            return contents.map { $0! }
        }
    }

    /// The layer's compression, from its media type or its first bytes.
    static func compression(of blob: LayerBlob, _ raw: FileRangeSource) throws(ImageError) -> Compression {
        if let type = blob.mediaType, type.contains("zstd") { return .zstd }
        if let type = blob.mediaType, type.contains("gzip") { return .gzip }
        var peek = raw
        var head = [UInt8](repeating: 0, count: 4)
        let n = try withBytes(&head) { (b: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in
            try peek.read(into: b)
        }
        return Compression.detect(Array(head[0..<n]))
    }

    static func name(_ blob: LayerBlob, index: Int) -> String { "#\(index) \(blob.name)" }

    /// Hashes a whole uncompressed blob (its digest is its diff id) with large sequential reads.
    static func verifyWhole(_ blob: LayerBlob, index: Int) throws(ImageError) {
        var source = DigestingSource(try blob.open())
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while try withBytes(
            &buffer, { (b: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in try source.read(into: b) }) > 0
        {}
        let actual = source.digest()
        if let expected = blob.diffID, actual != expected {
            throw .digestMismatch(what: "layer \(name(blob, index: index)) diff id", expected: expected, actual: actual)
        }
        if let expected = blob.digest, actual != expected {
            throw .digestMismatch(what: "layer \(name(blob, index: index)) blob", expected: expected, actual: actual)
        }
    }

    static func read(
        _ blob: LayerBlob, index: Int, kind: Compression, verify: Bool
    ) throws(ImageError) -> LayerContent {
        let raw = try blob.open()
        let name = name(blob, index: index)
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
