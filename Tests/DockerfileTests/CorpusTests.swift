import Foundation
import TestSupport
import Testing

@testable import Dockerfile

/// Parses every real Dockerfile of ../shared/corpus and agrees with the real BuildKit on each one.
///
/// `Fixtures/corpus-buildkit-verdicts.tsv` was recorded by `scripts/buildkit-verdicts.sh` against the
/// Docker engine's BuildKit: for each file, whether BuildKit accepts it, and its error when it does not.
@Suite("Corpus", .enabled(if: SharedData.isAvailable, "needs ../shared/corpus (absent here)"))
struct CorpusTests {
    struct Verdict {
        var accepted: Bool
        var message: String
    }

    static func verdicts() throws -> [String: Verdict] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/corpus-buildkit-verdicts.tsv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var result: [String: Verdict] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            result[fields[0]] = Verdict(accepted: fields[1] == "accept", message: fields.count > 2 ? fields[2] : "")
        }
        return result
    }

    @Test("accepts and rejects exactly what BuildKit does, on the same line")
    func corpus() throws {
        let dir = try #require(SharedData.url("corpus/dockerfiles"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        let verdicts = try Self.verdicts()
        #expect(names.count == 899)
        #expect(verdicts.count == names.count)
        var rejected = 0
        for name in names {
            let verdict = try #require(verdicts[name], "no BuildKit verdict for \(name)")
            let bytes = [UInt8](try Data(contentsOf: dir.appendingPathComponent(name)))
            do {
                _ = try Dockerfile.parse(bytes)
                #expect(verdict.accepted, "\(name): BuildKit rejects (\(verdict.message)); we accept")
            } catch {
                rejected += 1
                #expect(!verdict.accepted, "\(name): BuildKit accepts; we reject: \(error)")
                if let range = verdict.message.range(of: "on line "),
                    let line = Int(verdict.message[range.upperBound...].prefix(while: \.isNumber))
                {
                    #expect(error.location?.start.line == line, "\(name): \(error) vs \(verdict.message)")
                }
            }
        }
        #expect(rejected == verdicts.values.filter { !$0.accepted }.count)
    }
}
