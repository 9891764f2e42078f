import Foundation
import TestSupport
import Testing

@testable import Dockerfile

/// Whatever the bytes, the parser returns a tree or a located error: no crash, no hang.
struct RobustnessTests {
    /// A small deterministic generator so failures reproduce.
    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func survives(_ bytes: [UInt8]) {
        do {
            let file = try Dockerfile.parse(bytes)
            _ = try? file.resolve()
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test("hostile bytes", .timeLimit(.minutes(5)))
    func hostileBytes() {
        survives([0xFF, 0xFE, 0x00, 0x46, 0x52, 0x4F, 0x4D])  // invalid UTF-8 and NUL
        survives(Array("FROM a\nRUN \u{0}\u{0}\n".utf8))
        survives(Array("FROM a\nRUN echo \u{FFFD}\n".utf8) + [0xC3, 0x28, 0x0A])
        survives(Array("FROM a\nRUN ".utf8) + Array(repeating: UInt8(ascii: "x"), count: 10_000_000))
        survives(
            Array("FROM a\nRUN a \\\n".utf8) + Array(repeating: Array("  b \\\n".utf8), count: 200_000).flatMap { $0 })
        survives(Array("FROM a\nRUN <<EOF\n".utf8) + Array(repeating: UInt8(ascii: "\n"), count: 100_000))
        survives(Array("FROM a\nCMD ".utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000))
        survives(Array("FROM a\nENV A=".utf8) + Array(repeating: Array("${A:-".utf8), count: 10_000).flatMap { $0 })
        survives(
            Array("FROM a\nCOPY ".utf8) + Array(repeating: Array("<<A ".utf8), count: 5_000).flatMap { $0 }
                + Array(" /x\n".utf8))
        survives(Array("\u{FEFF}\u{FEFF}FROM a\r\r\n".utf8))
    }

    @Test(
        "random mutations of corpus files", .enabled(if: SharedData.isAvailable, "needs ../shared/corpus"),
        .timeLimit(.minutes(5)))
    func mutations() throws {
        let dir = try #require(SharedData.url("corpus/dockerfiles"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        var rng = SplitMix64(state: 20_261_126)
        for _ in 0..<1_500 {
            let name = names[Int(rng.next() % UInt64(names.count))]
            var bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            guard !bytes.isEmpty else { continue }
            switch rng.next() % 4 {
            case 0:  // truncate anywhere
                bytes = Array(bytes[..<Int(rng.next() % UInt64(bytes.count))])
            case 1:  // flip bytes
                for _ in 0..<(1 + rng.next() % 8) {
                    let i = Int(rng.next() % UInt64(bytes.count))
                    bytes[i] ^= UInt8(truncatingIfNeeded: rng.next() | 1)
                }
            case 2:  // duplicate lines
                var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                for _ in 0..<(1 + rng.next() % 5) {
                    let i = Int(rng.next() % UInt64(lines.count))
                    lines.insert(lines[i], at: i)
                }
                bytes = Array(lines.joined(separator: [0x0A]))
            default:  // splice special bytes
                let specials: [[UInt8]] = [
                    [0x5C], [0x60], [0x3C, 0x3C], [0x22], [0x27], [0x24, 0x7B], [0x0D], [0x00], [0xC0],
                ]
                let insert = specials[Int(rng.next() % UInt64(specials.count))]
                let i = Int(rng.next() % UInt64(bytes.count))
                bytes.insert(contentsOf: insert, at: i)
            }
            survives(bytes)
        }
    }
}
