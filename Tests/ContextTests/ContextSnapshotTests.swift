import Dockerfile
import Foundation
import Testing

@testable import Context

/// Walking, hashing and selecting a real context on disk.
struct ContextSnapshotTests {
    @Test func scanAppliesDockerignoreAndHashesContentAndMode() throws {
        let fixture = try ContextFixture([
            "app.py": "print(1)\n", "src/a.py": "a\n", "src/b.py": "b\n", "node_modules/x/i.js": "x",
            ".dockerignore": "node_modules\n*.log\n", "debug.log": "log\n",
        ])
        defer { fixture.remove() }
        try fixture.chmod("app.py", 0o755)
        let snapshot = try ContextSnapshot.scan(directory: fixture.path)
        #expect(Set(snapshot.entries.keys) == ["app.py", "src/a.py", "src/b.py", ".dockerignore"])
        #expect(snapshot.entries["app.py"]?.mode == 0o755)
        #expect(snapshot.entries["app.py"]?.digest.hasPrefix("xxh64:") == true)
        #expect(snapshot.entries["src/a.py"]?.digest != snapshot.entries["src/b.py"]?.digest)
        #expect(Set(snapshot.excluded.map(\.path)) == ["node_modules/x/i.js", "debug.log"])
        #expect(snapshot.ignoreFile?.hasSuffix(".dockerignore") == true)
        // the same content hashes the same, whatever the worker count
        let single = try ContextSnapshot.scan(directory: fixture.path, workers: 1)
        #expect(single.entries == snapshot.entries)
    }

    @Test func exceptionsReIncludeInsideExcludedDirectories() throws {
        let fixture = try ContextFixture([
            "docs/a.md": "", "docs/keep.md": "", ".dockerignore": "docs\n!docs/keep.md\n",
        ])
        defer { fixture.remove() }
        let snapshot = try ContextSnapshot.scan(directory: fixture.path)
        #expect(snapshot.entries["docs/keep.md"] != nil)
        #expect(snapshot.entries["docs/a.md"] == nil)
    }

    @Test func gitBlobIdsMatchGit() throws {
        #expect(SHA1.gitBlobID(Array("hello\n".utf8)) == "ce013625030ba8dba906f756967f9e9ca394464a")
        #expect(SHA1.gitBlobID([]) == "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391")
    }

    @Test func xxhash64KnownValues() {
        #expect(XXHash64.hash([]) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        let long = Array(repeating: UInt8(ascii: "x"), count: 100)
        var streamed = XXHash64()
        streamed.update(Array(long[0..<7]))
        streamed.update(Array(long[7...]))
        #expect(streamed.finalize() == XXHash64.hash(long))
    }

    struct SelectionCase: Sendable, CustomTestStringConvertible {
        var sources: [String]
        var expected: [String]
        var testDescription: String { sources.joined(separator: " ") }
    }

    static let selections: [SelectionCase] = [
        SelectionCase(
            sources: ["."], expected: ["a.txt", "package.json", "package-lock.json", "src/main.js", "src/lib/util.js"]),
        SelectionCase(sources: ["./src/"], expected: ["src/main.js", "src/lib/util.js"]),
        SelectionCase(sources: ["package*.json"], expected: ["package.json", "package-lock.json"]),
        SelectionCase(sources: ["src/*.js"], expected: ["src/main.js"]),
        SelectionCase(sources: ["src/*"], expected: ["src/main.js", "src/lib/util.js"]),
        SelectionCase(sources: ["/a.txt", "missing"], expected: ["a.txt"]),
    ]

    @Test("COPY source selection", arguments: selections)
    func selection(testCase: SelectionCase) throws {
        let entries = Dictionary(
            uniqueKeysWithValues: ["a.txt", "package.json", "package-lock.json", "src/main.js", "src/lib/util.js"].map {
                ($0, ContextEntry(path: $0, kind: .file, size: 1, mode: 0o644, digest: "d"))
            })
        let snapshot = ContextSnapshot(entries: entries, ignore: try IgnoreMatcher(patterns: []))
        #expect(Set(ContextSelection.select(testCase.sources, in: snapshot).map(\.path)) == Set(testCase.expected))
    }

    @Test func suggestionListsWhatExistsAndWriteKeepsABackup() throws {
        let fixture = try ContextFixture([
            ".git/HEAD": "ref", "node_modules/a/b.js": "", "app.py": "", "x/__pycache__/m.pyc": "", ".env": "A=1",
        ])
        defer { fixture.remove() }
        let snapshot = try ContextSnapshot.scan(directory: fixture.path, hashing: .none)
        let text = DockerignoreSuggestion.suggest(for: snapshot)
        for pattern in [".git", "node_modules", "**/__pycache__", "**/*.pyc", ".env"] {
            #expect(text.contains("\n\(pattern)\n"), "\(pattern)")
        }
        #expect(!text.contains(".venv"))
        // every pattern line is a pattern the matcher reads back, and it excludes what was found
        let matcher = try IgnoreMatcher(dockerignore: text)
        #expect(
            matcher.excludes("node_modules/a/b.js") && matcher.excludes(".git/HEAD")
                && matcher.excludes("x/__pycache__/m.pyc"))
        try DockerignoreSuggestion.write(text, into: fixture.path, force: false)
        #expect(throws: ContextError.self) { try DockerignoreSuggestion.write("x\n", into: fixture.path, force: false) }
        let backup = try DockerignoreSuggestion.write("y\n", into: fixture.path, force: true)
        #expect(backup?.hasSuffix(".dockerignore.bak") == true)
        #expect(try String(contentsOfFile: backup!, encoding: .utf8) == text)
        #expect(try String(contentsOfFile: fixture.path + "/.dockerignore", encoding: .utf8) == "y\n")
    }

    @Test func reportCountsSecretsAndCopies() throws {
        let fixture = try ContextFixture([
            "Dockerfile": "FROM scratch\nCOPY src/ /src/\nCOPY . /all/\n", "src/a.txt": "12345", "id_rsa": "k",
            ".env": "A=1",
            "big.bin": String(repeating: "x", count: 1000),
        ])
        defer { fixture.remove() }
        let snapshot = try ContextSnapshot.scan(directory: fixture.path, hashing: .none)
        let report = ContextReport.make(snapshot, dockerfile: try .parse(contentsOfFile: fixture.path + "/Dockerfile"))
        #expect(report.files == 5)
        #expect(report.largestFiles.first?.path == "big.bin")
        #expect(report.secrets == [".env", "id_rsa"])
        #expect(report.copies.map(\.files) == [1, 5])
        #expect(report.copies[0].bytes == 5)
    }
}

/// What `gym context` calls a secret sent to the builder: credentials and keys, a repository's config (it can
/// hold a remote's token), never the repository's other files.
struct SecretFilesTests {
    @Test(
        arguments: [
            (".env", true), ("app/.env.production", true), (".env.example", false), ("id_rsa", true),
            ("certs/server.key", true), (".aws/credentials", true), (".docker/config.json", true),
            ("config.json", false),
            (".git/config", true), (".git/HEAD", false), (".git/objects/ab/cdef", false), (".git/index", false),
            (".git-credentials", true), ("app.py", false), ("sub/.ssh/known_hosts", true),
        ] as [(String, Bool)])
    func looksSecret(_ path: String, _ secret: Bool) {
        #expect(SecretFiles.looksSecret(path) == secret, "\(path)")
    }
}
