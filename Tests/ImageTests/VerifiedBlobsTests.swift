import Foundation
import TestSupport
import Testing

@testable import Image

/// Digests verified once are not verified again while the bytes on disk stay the same, and a blob changed in
/// place is verified again (and caught).
struct VerifiedBlobsTests {
    /// A clock past the two-second window in which a just-written file is not remembered.
    static let later: @Sendable () -> Date = { Date().addingTimeInterval(10) }

    static func archive(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("image.tar").path
        try DockerArchiveFixture.write(
            layers: [["etc/os-release": "ID=test\n"], ["app/original.txt": "original\n"]], to: path)
        return path
    }

    @Test func aRepeatedReadVerifiesNothingTwiceAndAChangedBlobIsVerifiedAgain() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-verified-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive(in: directory)
        let memoryFile = directory.appendingPathComponent("verified-blobs")

        // the first read hashes both layers and remembers them
        let first = VerifiedBlobs(file: memoryFile, clock: Self.later)
        _ = try ImageAnalyzer.analyze(try ImageSource.load(archive), remembered: first)
        let remembered = try String(contentsOf: memoryFile, encoding: .utf8).split(separator: "\n")
        #expect(remembered.count == 2)

        // a new process reads the same bytes: nothing new to remember, nothing hashed
        let second = VerifiedBlobs(file: memoryFile, clock: Self.later)
        _ = try ImageAnalyzer.analyze(try ImageSource.load(archive), remembered: second)
        #expect(try String(contentsOf: memoryFile, encoding: .utf8).split(separator: "\n") == remembered)

        // the blob changed in place (same file, same size): its times changed, so it is verified again
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: archive))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        let at = try #require(bytes.range(of: Data("original\n".utf8)))
        try handle.seek(toOffset: UInt64(at.lowerBound))
        try handle.write(contentsOf: Data("0riginal\n".utf8))
        try handle.close()
        let third = VerifiedBlobs(file: memoryFile, clock: Self.later)
        #expect(throws: ImageError.self) { try ImageAnalyzer.analyze(try ImageSource.load(archive), remembered: third) }
    }

    @Test func aBlobRememberedAsVerifiedIsNotHashedAgain() throws {
        // proof by a blob that would fail: its identity, as it is now, is in the memory, so it is not hashed
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-verified-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try Self.archive(in: directory)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        let at = try #require(bytes.range(of: Data("original\n".utf8)))
        var changed = bytes
        changed.replaceSubrange(at, with: Data("0riginal\n".utf8))
        try changed.write(to: URL(fileURLWithPath: archive))
        let memory = VerifiedBlobs(file: nil, clock: Self.later)
        #expect(throws: ImageError.self) {
            try ImageAnalyzer.analyze(try ImageSource.load(archive), remembered: memory)
        }
        // now remember every blob of the corrupted file as verified, as a stale memory would claim
        let loaded = try ImageSource.load(archive)
        let identities = try loaded.layers.map { blob in
            let raw = try blob.open()
            return try #require(
                memory.identity(
                    fd: raw.fd, offset: raw.offset, length: raw.remaining,
                    digests: [blob.digest, blob.diffID].compactMap { $0 }))
        }
        memory.remember(identities)
        #expect(throws: Never.self) { try ImageAnalyzer.analyze(loaded, remembered: memory) }
        // and a file changed within the racy window is never remembered
        #expect(
            VerifiedBlobs(file: nil).identity(
                fd: try #require(loaded.layers.first?.open().fd), offset: 0, length: 1, digests: []) == nil)
    }
}
