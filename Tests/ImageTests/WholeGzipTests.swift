import Base
import Foundation
import TestSupport
import Testing

@testable import Image

/// Gzip layers are gunzipped whole through libdeflate when it can take them exactly, and streamed through zlib
/// otherwise; either way a layer reads the same, and the files a capture asks for come out of the same pass.
@Suite("Gzip layers read whole", .enabled(if: RequiredParts.gate(present: WholeGzip.isAvailable)))
struct WholeGzipTests {
    /// Two layers: the second replaces one file of the first and adds a large one.
    static let layers: [[String: String]] = [
        [
            "etc/os-release": "ID=debian\nVERSION_ID=12\n", "app/a.txt": "one",
            "usr/bin/tool*": String(repeating: "\u{7F}ELF tool ", count: 20_000),
        ],
        ["app/a.txt": "two", "app/b.txt": String(repeating: "data, ", count: 200_000)],
    ]

    static func temporary() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-whole-gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Each file of the final filesystem: path, size, layer, mode.
    static func listing(_ tree: FileTree) -> [String] {
        tree.files.map { "\($0.path) \($0.size) \($0.layer) \(String($0.mode, radix: 8))" }.sorted()
    }

    @Test("one gzip member gunzips whole, exactly as zlib gives it")
    func oneMember() throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = [UInt8](String(repeating: "layer bytes ", count: 100_000).utf8)
        let zipped = try LayoutFixture.gzip(plain, in: dir)
        #expect(WholeGzip.declaredSize(zipped) == plain.count)
        #expect(WholeGzip.gunzip(zipped, maximumOutput: 1 << 30, maximumRatio: 10_000) == plain)
    }

    /// Each way a stream is not one whole member of the size it declares, or past a limit: nil, so the layer
    /// is streamed through zlib, which reads what is valid and names what is not.
    @Test(arguments: [
        "two members", "trailing bytes", "size in trailer wrong", "truncated", "corrupt", "over limit", "not gzip",
    ])
    func notTakenWhole(shape: String) throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plain = [UInt8](String(repeating: "layer bytes ", count: 100_000).utf8)
        var zipped = try LayoutFixture.gzip(plain, in: dir)
        var maximum = 1 << 30
        switch shape {
        case "two members": zipped += try LayoutFixture.gzip(plain, in: dir)
        case "trailing bytes": zipped += [0, 0, 0, 0]
        case "size in trailer wrong": zipped[zipped.count - 4] ^= 0x01
        case "truncated": zipped.removeLast(100)
        case "corrupt": zipped[zipped.count / 2] ^= 0xFF
        case "over limit": maximum = plain.count - 1
        default: zipped = plain
        }
        #expect(WholeGzip.gunzip(zipped, maximumOutput: maximum, maximumRatio: 10_000) == nil)
    }

    @Test(
        "a layer stored plain, as one gzip member or as two reads the same: the same files and layer figures",
        arguments: [LayoutFixture.Compression.gzip, .gzipMembers])
    func everyStorageReadsTheSame(compression: LayoutFixture.Compression) throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plainLayout = dir.appendingPathComponent("plain")
        let zippedLayout = dir.appendingPathComponent("zipped")
        let plainDigests = try LayoutFixture.write(layers: Self.layers, compression: .none, to: plainLayout)
        let zippedDigests = try LayoutFixture.write(layers: Self.layers, compression: compression, to: zippedLayout)
        #expect(plainDigests.map(\.diffID) == zippedDigests.map(\.diffID))
        let (plainAnalysis, plainTree) = try ImageAnalyzer.analyze(ImageSource.load(plainLayout.path))
        let (zippedAnalysis, zippedTree) = try ImageAnalyzer.analyze(ImageSource.load(zippedLayout.path))
        #expect(Self.listing(zippedTree) == Self.listing(plainTree))
        #expect(Self.listing(zippedTree).contains("app/b.txt 1200000 1 644"))
        #expect(zippedAnalysis.layers == plainAnalysis.layers)
    }

    @Test("a capture keeps each wanted file of every layer from the one pass, and finds the final copy")
    func captureKeepsEveryLayersCopy() throws {
        for compression in LayoutFixture.Compression.allCases {
            let dir = try Self.temporary()
            defer { try? FileManager.default.removeItem(at: dir) }
            try LayoutFixture.write(layers: Self.layers, compression: compression, to: dir)
            let capture = LayerCapture<String>(
                limit: 1 << 20, wants: { $0.path.hasPrefix("app/") || $0.mode & 0o111 != 0 },
                transform: { entry, content in "\(entry.path): \(content.count) bytes, \(content.prefix(3).count)" })
            let (_, tree, captured) = try ImageAnalyzer.analyze(ImageSource.load(dir.path), capture: capture)
            let a = try #require(tree.files.first { $0.path == "app/a.txt" })
            #expect(captured.value(for: a) == "app/a.txt: 3 bytes, 3", "\(compression)")
            #expect(captured.value(layer: 0, path: "app/a.txt") == "app/a.txt: 3 bytes, 3")
            #expect(captured.value(layer: 1, path: "app/a.txt") == "app/a.txt: 3 bytes, 3")
            #expect(captured.value(layer: 0, path: "usr/bin/tool") == "usr/bin/tool: 200000 bytes, 3")
            // over the limit: passed over; not wanted: not read
            #expect(captured.value(layer: 1, path: "app/b.txt") == nil)
            #expect(captured.value(layer: 0, path: "etc/os-release") == nil)
        }
    }

    @Test("a layer whose bytes differ from its digest is refused, read whole or streamed")
    func digestsAreChecked() throws {
        for compression in [LayoutFixture.Compression.gzip, .gzipMembers] {
            let dir = try Self.temporary()
            defer { try? FileManager.default.removeItem(at: dir) }
            let digests = try LayoutFixture.write(layers: Self.layers, compression: compression, to: dir)
            // the second layer's blob replaced by a valid gzip of other bytes, under the same name
            let blob = dir.appendingPathComponent("blobs/sha256/" + digests[1].digest.dropFirst(7))
            try Data(try LayoutFixture.gzip([UInt8]("other".utf8), in: dir)).write(to: blob)
            #expect(throws: ImageError.self, "\(compression)") {
                try ImageAnalyzer.analyze(ImageSource.load(dir.path), verify: true)
            }
        }
    }

    /// `bytes` gzipped at level 1: one member, other bytes than the fixture's level 6, the same content.
    static func fastGzip(_ bytes: [UInt8], in dir: URL) throws -> [UInt8] {
        let file = dir.appendingPathComponent("fast-\(UUID().uuidString)")
        try Data(bytes).write(to: file)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-n", "-1", file.path]
        try gzip.run()
        gzip.waitUntilExit()
        #expect(gzip.terminationStatus == 0)
        return [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path + ".gz")))
    }

    /// A pull hashes each blob as it streams in; reading it afterwards checks only the diff ID. So a blob the
    /// image says was verified is not hashed again (a recompressed copy of the same tar reads), while its
    /// uncompressed bytes are (a different tar under the verified digest is refused); without the pull's word
    /// the recompressed copy is refused for its blob digest.
    @Test(
        "a blob verified as it was pulled is not hashed again, and its diff ID still is",
        arguments: ["whole", "streamed"])
    func pulledBlobsCheckTheDiffIDOnly(path: String) throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let plainLayout = dir.appendingPathComponent("plain")
        let layout = dir.appendingPathComponent("zipped")
        try LayoutFixture.write(layers: Self.layers, compression: .none, to: plainLayout)
        let digests = try LayoutFixture.write(layers: Self.layers, compression: .gzip, to: layout)
        let tar = [UInt8](
            try Data(contentsOf: plainLayout.appendingPathComponent("blobs/sha256/" + digests[1].diffID.dropFirst(7))))
        let blob = layout.appendingPathComponent("blobs/sha256/" + digests[1].digest.dropFirst(7))
        func recompress(_ bytes: [UInt8]) throws -> [UInt8] {
            if path == "whole" { return try Self.fastGzip(bytes, in: dir) }
            let half = bytes.count / 2  // two members: streamed through zlib
            return try LayoutFixture.gzip(Array(bytes[..<half]), in: dir)
                + LayoutFixture.gzip(Array(bytes[half...]), in: dir)
        }
        try Data(try recompress(tar)).write(to: blob)
        /// The digest `image`'s read refuses (what its mismatch names), or nil when it reads.
        func refused(_ image: LoadedImage) throws -> String? {
            do {
                _ = try ImageAnalyzer.analyze(image, verify: true)
                return nil
            } catch {
                guard case .digestMismatch(let what, _, _) = error else { throw error }
                return what
            }
        }
        var image = try ImageSource.load(layout.path)
        #expect(try refused(image)?.hasSuffix("blob") == true)
        image.verifiedBlobDigests = [digests[1].digest]
        let (analysis, _) = try ImageAnalyzer.analyze(image, verify: true)
        #expect(analysis.layers.count == 2)
        // other uncompressed bytes under the verified digest: the diff ID refuses them
        var edited = tar
        let pattern = [UInt8]("data, ".utf8)
        let at = try #require(
            edited.indices.first { edited[$0..<min($0 + pattern.count, edited.count)].elementsEqual(pattern) })
        edited[at] = UInt8(ascii: "D")  // same length, other content
        try Data(try recompress(edited)).write(to: blob)
        let other = try { () throws -> LoadedImage in
            var image = try ImageSource.load(layout.path)
            image.verifiedBlobDigests = [digests[1].digest]
            return image
        }()
        #expect(try refused(other)?.hasSuffix("diff id") == true)
    }

    @Test("a corrupt gzip layer is refused with what is wrong in it, not read whole")
    func corruptLayerIsNamed() throws {
        let dir = try Self.temporary()
        defer { try? FileManager.default.removeItem(at: dir) }
        let digests = try LayoutFixture.write(layers: Self.layers, compression: .gzip, to: dir)
        let blob = dir.appendingPathComponent("blobs/sha256/" + digests[1].digest.dropFirst(7))
        var bytes = [UInt8](try Data(contentsOf: blob))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: blob)
        do {
            _ = try ImageAnalyzer.analyze(ImageSource.load(dir.path), verify: false)
            Issue.record("a corrupt layer was read")
        } catch {
            switch error {
            case .decompression, .badTar: break
            default: Issue.record("expected a decompression or tar error, got \(error)")
            }
        }
    }
}
