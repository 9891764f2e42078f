import Base
import Dispatch
import Foundation
import Synchronization

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
        let (analysis, tree, _) = try analyze(
            image, verify: verify, remembered: remembered, capture: LayerCapture<Never>?.none)
        return (analysis, tree)
    }

    /// `analyze`, also handing the files `capture` wants to its transform as each layer is read: what the
    /// caller needs of the files' contents comes from the same single pass over the layers.
    public static func analyze<Value: Sendable>(
        _ image: LoadedImage, verify: Bool = true, remembered: VerifiedBlobs? = nil, capture: LayerCapture<Value>?
    ) throws(ImageError) -> (ImageAnalysis, FileTree, CapturedFiles<Value>) {
        if image.arrivals != nil {
            return try analyzeArriving(image, verify: verify, remembered: remembered, capture: capture)
        }
        let layers = image.layers
        var jobs: [(job: Job, cost: Int64)] = []
        var verifiedNow: [String] = []
        for (index, blob) in layers.enumerated() {
            let raw = try blob.open()
            let kind = try compression(of: blob, raw)
            let (verify, identity) = verification(blob, raw, verify: verify, remembered: remembered)
            if let identity { verifiedNow.append(identity) }
            if verify, kind == .none, raw.canSeek {
                jobs.append((.hash(index: index), raw.remaining))
                jobs.append((.read(index: index, kind: kind, verifying: false), raw.remaining / 8))
            } else {
                jobs.append((.read(index: index, kind: kind, verifying: verify), raw.remaining))
            }
        }
        // the longest jobs first, so the last one to finish is short
        let ordered = jobs.sorted { $0.cost > $1.cost }.map(\.job)
        let results = JobResults<Value>(layers: layers.count)
        let known = image.verifiedBlobDigests
        DispatchQueue.concurrentPerform(iterations: ordered.count) { i in
            switch ordered[i] {
            case .read(let index, let kind, let verifying):
                let digestKnown = layers[index].digest.map(known.contains) ?? false
                results.record(
                    index,
                    Result { () throws(ImageError) -> (LayerContent, [String: Value]) in
                        try read(
                            layers[index], index: index, kind: kind, verify: verifying, digestKnown: digestKnown,
                            capture: capture)
                    })
            case .hash(let index):
                if case .failure(let error) = Result(catching: { () throws(ImageError) in
                    try verifyWhole(layers[index], index: index)
                }) {
                    results.record(index, failure: error)
                }
            }
        }
        return try finish(image, results, remembering: verifiedNow, in: remembered)
    }

    /// `analyze` for an image whose blobs are still arriving (a pull in progress): each layer is opened, checked
    /// against what was verified before and read in one job of its own, once its blob is in the store, the
    /// smallest first (as a pull's blobs fetched side by side arrive), so the first layers are read while the
    /// rest are fetched.
    static func analyzeArriving<Value: Sendable>(
        _ image: LoadedImage, verify: Bool, remembered: VerifiedBlobs?, capture: LayerCapture<Value>?
    ) throws(ImageError) -> (ImageAnalysis, FileTree, CapturedFiles<Value>) {
        let layers = image.layers
        let order = layers.indices.sorted { (layers[$0].size ?? 0, $0) < (layers[$1].size ?? 0, $1) }
        let results = JobResults<Value>(layers: layers.count)
        let known = image.verifiedBlobDigests
        let verifiedNow = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: order.count) { i in
            let index = order[i]
            let blob = layers[index]
            results.record(
                index,
                Result { () throws(ImageError) -> (LayerContent, [String: Value]) in
                    let raw = try blob.open()  // waits for the blob to arrive
                    let kind = try compression(of: blob, raw)
                    let (verifying, identity) = verification(blob, raw, verify: verify, remembered: remembered)
                    if let identity { verifiedNow.withLock { $0.append(identity) } }
                    return try read(
                        blob, index: index, kind: kind, verify: verifying,
                        digestKnown: blob.digest.map(known.contains) ?? false, capture: capture)
                })
        }
        return try finish(image, results, remembering: verifiedNow.withLock { $0 }, in: remembered)
    }

    /// Whether `blob` is to be verified now, and the identity to remember it by once it is: a blob `remembered`
    /// says was verified before, with the same bytes on disk, is not verified again.
    static func verification(
        _ blob: LayerBlob, _ raw: FileRangeSource, verify: Bool, remembered: VerifiedBlobs?
    ) -> (verify: Bool, identity: String?) {
        guard verify, let remembered,
            let identity = remembered.identity(
                fd: raw.fd, offset: raw.offset, length: raw.remaining,
                digests: [blob.digest, blob.diffID].compactMap { $0 })
        else { return (verify, nil) }
        return remembered.contains(identity) ? (false, nil) : (true, identity)
    }

    /// The analysis from every layer's entries, once each job succeeded (the blobs hashed now are remembered
    /// as verified), or the first failing layer's error.
    static func finish<Value: Sendable>(
        _ image: LoadedImage, _ results: JobResults<Value>, remembering verifiedNow: [String],
        in remembered: VerifiedBlobs?
    ) throws(ImageError) -> (ImageAnalysis, FileTree, CapturedFiles<Value>) {
        let layers = image.layers
        let (layerContents, captured) = try results.layerContents()
        // every job succeeded: each blob hashed now matched its digests
        remembered?.remember(verifiedNow)
        var table = PathTable(capacity: layerContents.reduce(0) { $0 + $1.entries.count })
        let interned = layerContents.map { InternedLayer($0.entries, table: &table) }
        let (analysis, tree) = LayerReplay.run(
            contents: layerContents, interned: interned, table: table, config: image.config,
            diffIDs: layers.map { $0.diffID ?? $0.digest ?? $0.name })
        return (analysis, tree, CapturedFiles(layers: captured))
    }

    /// What the parallel jobs produced, per layer.
    final class JobResults<Value: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var contents: [LayerContent?]
        private var captured: [[String: Value]]
        private var failures: [ImageError?]

        init(layers: Int) {
            contents = [LayerContent?](repeating: nil, count: layers)
            captured = [[String: Value]](repeating: [:], count: layers)
            failures = [ImageError?](repeating: nil, count: layers)
        }

        func record(_ index: Int, _ result: Result<(LayerContent, [String: Value]), ImageError>) {
            lock.withLock {
                switch result {
                case .success(let (content, files)):
                    contents[index] = content
                    captured[index] = files
                case .failure(let error): failures[index] = failures[index] ?? error
                }
            }
        }

        func record(_ index: Int, failure: ImageError) {
            lock.withLock { failures[index] = failures[index] ?? failure }
        }

        /// Every layer's entries and captured files, or the first failing layer's error (the same every run).
        func layerContents() throws(ImageError) -> ([LayerContent], [[String: Value]]) {
            lock.lock()
            defer { lock.unlock() }
            if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
            return (contents.map { $0! }, captured)
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

    /// The largest compressed layer gunzipped whole in memory (through libdeflate); a larger one is streamed.
    static let wholeGzipInput: Int64 = 256 << 20
    /// The largest layer gunzipped whole in memory.
    static let wholeGzipOutput = 1 << 30

    /// Reads one layer's entries (and what `capture` wants), verifying its blob digest and diff ID when
    /// `verify`; with `digestKnown` the compressed blob was verified already (as a pull streamed it), and only
    /// the diff ID is checked.
    static func read<Value: Sendable>(
        _ blob: LayerBlob, index: Int, kind: Compression, verify: Bool, digestKnown: Bool = false,
        capture: LayerCapture<Value>?
    ) throws(ImageError) -> (LayerContent, [String: Value]) {
        let name = name(blob, index: index)
        if kind == .gzip, WholeGzip.isAvailable {
            var raw = try blob.open()
            if raw.remaining <= wholeGzipInput {
                // a blob verified already (a pull hashed it into the store) is inflated where it lies, mapped;
                // one still to be hashed is copied first, so the bytes hashed are the bytes inflated
                let mapped = digestKnown ? MappedFileRange(fd: raw.fd, offset: raw.offset, length: raw.remaining) : nil
                let compressed = mapped == nil ? try raw.readAll() : []
                let ratio = Int(DecompressingSource<FileRangeSource>.maximumRatio)
                let gunzipped =
                    if let mapped {
                        withExtendedLifetime(mapped) {
                            WholeGzip.gunzip(mapped.bytes, maximumOutput: wholeGzipOutput, maximumRatio: ratio)
                        }
                    } else {
                        WholeGzip.gunzip(compressed, maximumOutput: wholeGzipOutput, maximumRatio: ratio)
                    }
                if let plain = gunzipped {
                    let hashing: [(bytes: [UInt8], expected: String?, what: String)] = [
                        (compressed, digestKnown ? nil : blob.digest, "layer \(name) blob"),
                        (plain, blob.diffID, "layer \(name) diff id"),
                    ]
                    return try walkWhile(hashing: verify ? hashing : []) { () throws(ImageError) in
                        var tar = TarReader(MemorySource(plain), context: "layer \(name)")
                        return try entries(of: &tar, capture: capture)
                    }
                }
            }
        }
        let raw = try blob.open()
        // an uncompressed blob's digest is its diff id: hash it once
        let hashBlob =
            verify && blob.digest != nil && !(digestKnown && kind != .none)
            && (kind != .none || blob.diffID == nil || blob.digest != blob.diffID)
        var decompressor = try DecompressingSource(DigestingSource(raw, enabled: hashBlob), kind: kind, layer: name)
        defer { decompressor.release() }
        var tar = TarReader(
            DigestingSource(decompressor, enabled: verify && blob.diffID != nil), context: "layer \(name)")
        let found = try entries(of: &tar, capture: capture)
        guard verify else { return found }
        // drain the padding after the end-of-archive blocks so the digests cover every byte
        var sink = [UInt8](repeating: 0, count: 1 << 16)
        while try withBytes(
            &sink, { (b: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in try tar.source.read(into: b) }) > 0
        {}
        while try withBytes(
            &sink,
            { (b: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in try tar.source.inner.inner.read(into: b) }
        ) > 0 {}
        if blob.diffID != nil {
            try check(blob.diffID, tar.source.digest(), what: "layer \(name) diff id")
        }
        if hashBlob {
            try check(blob.digest, tar.source.inner.inner.digest(), what: "layer \(name) blob")
        }
        return found
    }

    /// Runs `walk` (a layer's tar, read from memory) while the buffers of `hashing` are hashed beside it, each
    /// on a core of its own where one is free, and checks each against its expected digest (none expected:
    /// not hashed; `what` names it in an error). A digest that does not match is the error, before anything
    /// `walk` threw.
    static func walkWhile<Walked: Sendable>(
        hashing: [(bytes: [UInt8], expected: String?, what: String)],
        _ walk: @escaping @Sendable () throws(ImageError) -> Walked
    ) throws(ImageError) -> Walked {
        let hashed = hashing.compactMap { item in item.expected.map { (item.bytes, $0, item.what) } }
        let slots = Slots<Walked>(count: hashed.count)
        DispatchQueue.concurrentPerform(iterations: hashed.count + 1) { job in
            if job == hashed.count {
                let walked = Result(catching: walk)
                slots.lock.withLock { slots.walked = walked }
            } else {
                let digest = "sha256:" + SHA256.hex(hashed[job].0)
                slots.lock.withLock { slots.digests[job] = digest }
            }
        }
        for (slot, (_, expected, what)) in hashed.enumerated() {
            try check(expected, slots.digests[slot] ?? "", what: what)
        }
        return try slots.walked!.get()
    }

    /// What `walkWhile`'s jobs produced, behind one lock.
    final class Slots<Walked: Sendable>: @unchecked Sendable {
        let lock = NSLock()
        var digests: [String?]
        var walked: Result<Walked, ImageError>?
        init(count: Int) { digests = Array(repeating: nil, count: count) }
    }

    /// Every entry of a layer's tar, with the contents `capture` wants kept as it says.
    static func entries<Source: ByteSource, Value: Sendable>(
        of tar: inout TarReader<Source>, capture: LayerCapture<Value>?
    ) throws(ImageError) -> (LayerContent, [String: Value]) {
        var entries: [TarEntry] = []
        var captured: [String: Value] = [:]
        var size: Int64 = 0
        while let entry = try tar.next() {
            size += entry.size
            entries.append(entry)
            if let capture, entry.kind == .file, entry.size <= capture.limit, capture.wants(entry),
                let data = try tar.content(limit: capture.limit)
            {
                captured[entry.path] = capture.transform(entry, data)
            }
        }
        return (LayerContent(entries: entries, size: size), captured)
    }

    /// Throws unless the digest read is the one expected (nothing is expected when the source names none).
    static func check(_ expected: String?, _ actual: @autoclosure () -> String, what: String) throws(ImageError) {
        guard let expected else { return }
        let actual = actual()
        if actual != expected { throw .digestMismatch(what: what, expected: expected, actual: actual) }
    }
}
