import Foundation
import TestSupport
import Testing

@testable import Image

/// A layer of an image still being pulled is opened once its blob has arrived, and a reader waiting for a blob
/// the pull will not bring is woken with the reason: engine-free, on an OCI layout whose blobs are all there.
@Suite("Blob arrivals")
struct BlobArrivalsTests {
    static let layers: [[String: String]] = [
        ["etc/os-release": "ID=debian\nVERSION_ID=12\n", "app/a.txt": "one"],
        ["app/b.txt": String(repeating: "data, ", count: 20_000)],
    ]

    static func layout() throws -> (URL, [(digest: String, diffID: String)]) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-arrivals-\(UUID().uuidString)")
        let digests = try LayoutFixture.write(layers: layers, compression: .gzip, to: dir)
        return (dir, digests)
    }

    /// The layout's manifest digest (its index lists one manifest).
    static func manifestDigest(_ dir: URL) throws -> String {
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("index.json")))
        let manifests = try #require((index as? [String: Any])?["manifests"] as? [[String: Any]])
        return try #require(manifests.first?["digest"] as? String)
    }

    @Test func aLayerIsReadOnceItsBlobArrivesAndReadsAsTheWholeImage() throws {
        let (dir, digests) = try Self.layout()
        defer { try? FileManager.default.removeItem(at: dir) }
        let whole = try ImageAnalyzer.analyze(try ImageSource.load(dir.path)).0
        let arrivals = BlobArrivals()
        let image = try ImageSource.load(
            storeRoot: dir.path, manifestDigest: try Self.manifestDigest(dir), description: "arriving",
            arrivals: arrivals)
        let done = DispatchSemaphore(value: 0)
        let outcome = Locked<Result<ImageAnalysis, ImageError>?>(nil)
        Thread {
            outcome.set(Result { () throws(ImageError) in try ImageAnalyzer.analyze(image).0 })
            done.signal()
        }.start()
        arrivals.arrived(digests[1].digest)
        #expect(done.wait(timeout: .now() + 0.5) == .timedOut, "read before its first layer arrived")
        arrivals.arrived(digests[0].digest)
        #expect(done.wait(timeout: .now() + 60) == .success)
        let analysis = try #require(try outcome.get()?.get())
        #expect(analysis.layers.map(\.size) == whole.layers.map(\.size))
        #expect(analysis.layers.map(\.digest) == whole.layers.map(\.digest))
    }

    @Test func aReaderWaitingForABlobThatWillNotComeIsToldWhy() throws {
        let (dir, digests) = try Self.layout()
        defer { try? FileManager.default.removeItem(at: dir) }
        let arrivals = BlobArrivals()
        let image = try ImageSource.load(
            storeRoot: dir.path, manifestDigest: try Self.manifestDigest(dir), description: "arriving",
            arrivals: arrivals)
        arrivals.arrived(digests[0].digest)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { arrivals.end("the pull failed: test") }
        #expect(throws: ImageError.io(path: digests[1].digest, reason: "the pull failed: test")) {
            try ImageAnalyzer.analyze(image)
        }
    }
}

/// A value behind a lock, for a thread to hand a result back.
final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func set(_ new: Value) { lock.withLock { value = new } }
    func get() -> Value { lock.withLock { value } }
}
