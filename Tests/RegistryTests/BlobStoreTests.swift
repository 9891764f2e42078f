import Foundation
import TestSupport
import Testing

@testable import Registry

/// The blob store keeps only verified bytes: a mismatch leaves nothing, an interruption leaves a partial that
/// the next download continues.
@Suite(.ownThreads)
struct BlobStoreTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("gym-blobs-\(UUID().uuidString)").path

    func entries(_ store: BlobStore) -> (blobs: [String], ingest: [String]) {
        let manager = FileManager.default
        return (
            ((try? manager.contentsOfDirectory(atPath: store.root + "/blobs/sha256")) ?? []).sorted(),
            ((try? manager.contentsOfDirectory(atPath: store.root + "/ingest")) ?? []).sorted()
        )
    }

    @Test func verifiedBytesLandUnderTheirDigest() throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bytes = Array("hello blob\n".utf8)
        let digest = RegistryClient.sha256(bytes)
        try store.put(bytes, digest: digest, what: "test blob")
        #expect(store.contains(digest, size: Int64(bytes.count)))
        #expect(!store.contains(digest, size: 3))
        #expect(try store.read(digest) == bytes)
        #expect(entries(store).ingest.isEmpty)
    }

    @Test func wrongBytesAreDiscarded() throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let digest = RegistryClient.sha256(Array("expected".utf8))
        #expect(throws: RegistryError.self) { try store.put(Array("tampered".utf8), digest: digest, what: "blob") }
        #expect(entries(store).blobs.isEmpty)
        #expect(entries(store).ingest.isEmpty)
    }

    @Test func tooManyBytesStopAtTheDeclaredSize() throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bytes = Array(repeating: UInt8(7), count: 100)
        let writer = try store.ingest(digest: RegistryClient.sha256(bytes), size: 50, what: "blob")
        #expect(throws: RegistryError.sizeMismatch(what: "blob", expected: 50, actual: 100)) {
            try writer.append(bytes)
        }
        #expect(entries(store).ingest.isEmpty)
        #expect(entries(store).blobs.isEmpty)
    }

    @Test func anInterruptedDownloadResumes() throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let digest = RegistryClient.sha256(bytes)
        do {
            let first = try store.ingest(digest: digest, size: Int64(bytes.count), what: "blob")
            try first.append(Array(bytes[..<4_000]))
            first.suspend()
        }
        #expect(entries(store).ingest.count == 1)
        let second = try store.ingest(digest: digest, size: Int64(bytes.count), what: "blob")
        #expect(second.offset == 4_000)
        try second.append(Array(bytes[4_000...]))
        try second.commit()
        #expect(try store.read(digest) == bytes)
        #expect(entries(store).ingest.isEmpty)
    }

    @Test func anInterruptionBeforeTheFirstByteLeavesNothing() throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let digest = RegistryClient.sha256(Array("never".utf8))
        try store.ingest(digest: digest, size: 5, what: "blob").suspend()
        #expect(entries(store).ingest.isEmpty)
        do { _ = try store.ingest(digest: digest, size: 5, what: "blob") }  // dropped: its deinit suspends
        #expect(entries(store).ingest.isEmpty)
    }

    @Test func aWriterThatWaitedForADiscardedFileLocksTheNewOne() async throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bytes = Array("abcdef".utf8)
        let digest = RegistryClient.sha256(bytes)
        let first = try store.ingest(digest: digest, size: 6, what: "blob")
        try first.append(Array("ab".utf8))
        let waiter = Task.detached { try store.ingest(digest: digest, size: 6, what: "blob") }
        try await Task.sleep(for: .milliseconds(200))  // the waiter is blocked on the lock of this file
        first.discard()
        let second = try await waiter.value
        #expect(second.offset == 0)
        try second.append(bytes)
        try second.commit()
        #expect(try store.read(digest) == bytes)
        #expect(entries(store).ingest.isEmpty)
    }

    @Test func aRestartAfterARefusedRangeStartsClean() throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bytes = Array("0123456789".utf8)
        let digest = RegistryClient.sha256(bytes)
        let first = try store.ingest(digest: digest, size: 10, what: "blob")
        try first.append(Array("xyz".utf8))
        first.suspend()
        let second = try store.ingest(digest: digest, size: 10, what: "blob")
        #expect(second.offset == 3)
        try second.restart()
        try second.append(bytes)
        try second.commit()
        #expect(try store.read(digest) == bytes)
    }

    @Test func cleanEmptiesBlobsAndPartials() throws {
        let store = try BlobStore(root: root)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let bytes = Array(repeating: UInt8(1), count: 1234)
        try store.put(bytes, digest: RegistryClient.sha256(bytes), what: "blob")
        let partial = try store.ingest(digest: RegistryClient.sha256(Array("other".utf8)), size: 5, what: "blob")
        try partial.append(Array("ot".utf8))
        partial.suspend()
        let cleanup = try store.clean()
        #expect(cleanup.freedBytes == 1236)
        #expect(entries(store).blobs.isEmpty && entries(store).ingest.isEmpty)
    }

    @Test(arguments: ["sha256:abc", "md5:" + String(repeating: "0", count: 32), "../../etc/passwd"])
    func namesThatAreNotDigestsAreRefused(_ digest: String) {
        #expect(throws: RegistryError.self) { try BlobStore.relativePath(digest) }
    }
}
