import Foundation
import Testing

@testable import Image

/// The tar reader on crafted archives, hostile ones included.
struct TarReaderTests {
    /// A ustar header with a correct checksum.
    static func header(
        _ name: String, size: Int64 = 0, type: Character = "0", link: String = "", base256Size: Bool = false
    ) -> [UInt8] {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, _ offset: Int, _ width: Int) {
            for (i, b) in text.utf8.prefix(width).enumerated() { h[offset + i] = b }
        }
        put(name, 0, 100)
        put("0000644", 100, 8)
        put("0000000", 108, 8)
        put("0000000", 116, 8)
        if base256Size {
            h[124] = 0x80
            var v = size
            for i in stride(from: 135, through: 125, by: -1) {
                h[i] = UInt8(truncatingIfNeeded: v)
                v >>= 8
            }
        } else {
            put(
                String(String(size, radix: 8).reversed()).padding(toLength: 11, withPad: "0", startingAt: 0).reversed()
                    .map(String.init).joined(), 124, 11)
        }
        put("00000000000", 136, 11)
        h[156] = type.asciiValue!
        put(link, 157, 100)
        put("ustar", 257, 5)
        put("00", 263, 2)
        for i in 148..<156 { h[i] = 0x20 }
        let sum = h.reduce(0) { $0 + Int($1) }
        put(
            String(String(sum, radix: 8).reversed()).padding(toLength: 6, withPad: "0", startingAt: 0).reversed().map(
                String.init
            ).joined(), 148, 6)
        h[154] = 0
        h[155] = 0x20
        return h
    }

    static func content(_ bytes: [UInt8]) -> [UInt8] {
        bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
    }

    static let end = [UInt8](repeating: 0, count: 1024)

    func entries(_ data: [UInt8]) throws(ImageError) -> [TarEntry] {
        var reader = TarReader(MemorySource(data), context: "test")
        var out: [TarEntry] = []
        while let e = try reader.next() { out.append(e) }
        return out
    }

    @Test func readsFilesLinksAndDirectories() throws {
        let data =
            Self.header("./etc/", type: "5") + Self.header("etc/hosts", size: 5) + Self.content(Array("hello".utf8))
            + Self.header("etc/link", type: "2", link: "/etc/hosts")
            + Self.header("etc/hard", type: "1", link: "etc/hosts") + Self.end
        let e = try entries(data)
        #expect(e.map(\.path) == ["etc", "etc/hosts", "etc/link", "etc/hard"])
        #expect(e.map(\.kind) == [.directory, .file, .symlink, .hardLink])
        #expect(e[1].size == 5)
        #expect(e[2].linkName == "/etc/hosts")
    }

    @Test func gnuAndPaxLongNamesAndBase256Sizes() throws {
        let long = String(repeating: "d/", count: 80) + "file.txt"
        let gnu =
            Self.header("././@LongLink", size: Int64(long.utf8.count + 1), type: "L")
            + Self.content(Array(long.utf8) + [0])
            + Self.header("short", size: 0)
        let paxPath = "p/" + String(repeating: "x", count: 150)
        let record = " path=\(paxPath)\n"
        let length = record.utf8.count + String(record.utf8.count + 3).count
        let paxRecord = "\(length)\(record)"
        let pax =
            Self.header("PaxHeaders/x", size: Int64(paxRecord.utf8.count), type: "x")
            + Self.content(Array(paxRecord.utf8))
            + Self.header("truncated-name", size: 3) + Self.content([1, 2, 3])
        let big = Self.header("big", size: 1, base256Size: true) + Self.content([9])
        let e = try entries(gnu + pax + big + Self.end)
        #expect(e.map(\.path) == [long, paxPath, "big"])
        #expect(e[2].size == 1)
    }

    struct Hostile: Sendable, CustomTestStringConvertible {
        var name: String
        var data: [UInt8]
        var message: String
        var testDescription: String { name }
    }

    static let hostile: [Hostile] = [
        Hostile(
            name: "parent directory escape", data: header("../../etc/passwd", size: 0) + end, message: "leaves the root"
        ),
        Hostile(name: "absolute path", data: header("/etc/passwd", size: 0) + end, message: "absolute path"),
        Hostile(
            name: "hard link escape", data: header("x", type: "1", link: "../../../etc/shadow") + end,
            message: "leaves the root"),
        Hostile(
            name: "1 TB declared size", data: header("huge", size: 1 << 40, base256Size: true) + content([1, 2, 3]),
            message: "truncated"),
        Hostile(name: "truncated header", data: Array(header("a", size: 0).prefix(300)), message: "truncated"),
        Hostile(name: "truncated content", data: header("a", size: 2048) + content([1]), message: "truncated"),
        Hostile(name: "not a tar", data: Array(repeating: 0x41, count: 1024), message: "checksum"),
        Hostile(name: "oversized PAX header", data: header("pax", size: 1 << 30, type: "x") + end, message: "exceeds"),
        // found by scripts/fuzz.sh (FuzzTar): a record length shorter than its own digits and space made an
        // inverted range, and the reader crashed
        Hostile(
            name: "PAX record shorter than its length field",
            data: header("pax", size: 10, type: "x") + content(Array("2 mtime=1\n".utf8)) + end,
            message: "malformed PAX record"),
        Hostile(
            name: "PAX record without its newline",
            data: header("pax", size: 10, type: "x") + content(Array("10 a=12345".utf8)) + end,
            message: "malformed PAX record"),
    ]

    @Test("hostile input is a clear error", arguments: hostile)
    func hostileInput(testCase: Hostile) {
        do {
            _ = try entries(testCase.data)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains(testCase.message), "\(error)")
        }
    }

    @Test func gzipBombIsRefused() throws {
        // 300 MB of zeros inside one file entry, gzip-compressed to a few hundred KB
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-bomb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = Self.header("zeros", size: 300_000_000)
        let path = dir.appendingPathComponent("bomb.gz").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "(cat \(dir.path)/h; head -c 300000000 /dev/zero) | gzip -9 > \(path)"]
        try Data(header).write(to: dir.appendingPathComponent("h"))
        try process.run()
        process.waitUntilExit()
        let fd = open(path, O_RDONLY)
        defer { close(fd) }
        var info = stat()
        fstat(fd, &info)
        #expect(info.st_size < 1_000_000)
        let source = FileRangeSource(fd: fd, offset: 0, remaining: Int64(info.st_size))
        // deflate cannot exceed 1032:1, so the guard against a gzip bomb is the output cap (64 GiB by default)
        var decompressor = try DecompressingSource(source, kind: .gzip, layer: "bomb")
        decompressor.maximumOutput = 100_000_000
        var reader = TarReader(decompressor, context: "bomb")
        do {
            while try reader.next() != nil {}
            Issue.record("expected the bomb to be refused")
        } catch {
            #expect(error.description.contains("decompression bomb"))
        }
    }
}
