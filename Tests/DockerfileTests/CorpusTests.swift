import Foundation
import Testing

@testable import Dockerfile

/// Parses every real Dockerfile of ../shared/corpus.
@Suite("Corpus", .enabled(if: SharedData.isAvailable, "needs ../shared/corpus (absent here)"))
struct CorpusTests {
    static func corpusFiles() -> [URL] {
        guard let dir = SharedData.url("corpus/dockerfiles"),
            let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path)
        else { return [] }
        return names.sorted().map { dir.appendingPathComponent($0) }
    }

    @Test("every corpus file parses, except those BuildKit rejects")
    func corpus() throws {
        let files = Self.corpusFiles()
        #expect(files.count == 899)
        var failures: [String: String] = [:]
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            do {
                _ = try Dockerfile.parse(bytes)
            } catch {
                failures[file.lastPathComponent] = error.description
            }
        }
        for (name, error) in failures.sorted(by: { $0.key < $1.key }) { print("REJECT \(name): \(error)") }
        #expect(failures.count == 0)
    }
}
