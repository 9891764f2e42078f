import Foundation
import Spawn
import Testing

@testable import Context

/// git's index read directly, checked against git's own answers on real repositories.
struct GitIndexTests {
    @discardableResult
    func git(_ arguments: [String], in directory: String) throws -> String {
        let output = try Subprocess.run(
            ["git", "-C", directory, "-c", "user.email=gym@example.com", "-c", "user.name=gym"] + arguments)
        try #require(output.succeeded, "git \(arguments): \(String(decoding: output.stderr, as: UTF8.self))")
        return String(decoding: output.stdout, as: UTF8.self)
    }

    /// A repository with a subdirectory, an executable, a symlink, a long path and a non-ASCII name.
    func repository() throws -> ContextFixture {
        let fixture = try ContextFixture([
            "Dockerfile": "FROM alpine\nCOPY . .\n", ".dockerignore": ".git\n", "app.py": "print(1)\n",
            "run.sh": "#!/bin/sh\n",
            "src/pkg/module.py": "x = 1\n", "src/données.txt": "é\n",
            String(repeating: "deep/", count: 30) + "file.txt": "deep\n",
        ])
        try fixture.chmod("run.sh", 0o755)
        try FileManager.default.createSymbolicLink(atPath: fixture.path + "/link", withDestinationPath: "app.py")
        try git(["init", "-q"], in: fixture.path)
        try git(["add", "."], in: fixture.path)
        try git(["commit", "-q", "-m", "one"], in: fixture.path)
        return fixture
    }

    /// `git ls-files -s` as path → (mode, object id, stage).
    func listing(_ directory: String) throws -> [String: String] {
        var result: [String: String] = [:]
        let output = try git(["-c", "core.quotePath=false", "ls-files", "-s"], in: directory)
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 1)
            result[String(parts[1])] = String(parts[0])
        }
        return result
    }

    @Test("reads every index version as git lists it", arguments: [2, 3, 4])
    func everyVersion(version: Int) throws {
        let fixture = try repository()
        defer { fixture.remove() }
        try git(["update-index", "--index-version", String(version)], in: fixture.path)
        if version == 3 {
            // an intent-to-add entry carries the extended flags that version 3 exists for
            try fixture.write("later.py", "later\n")
            try git(["add", "-N", "later.py"], in: fixture.path)
        }
        let index = try #require(GitIndex.load(path: fixture.path + "/.git/index", hashLength: 20))
        let expected = try listing(fixture.path)
        #expect(expected.count >= 8)
        #expect(index.entries.count == expected.count)
        for (path, line) in expected {
            let entry = try #require(index.entries[path], "\(path) missing")
            #expect("\(String(entry.mode, radix: 8)) \(entry.objectID) \(entry.stage)" == line, "\(path)")
        }
    }

    @Test func vouchesOnlyForFilesWhoseStatDataAreUnchanged() throws {
        let fixture = try repository()
        defer { fixture.remove() }
        // an index written now makes every file older than it: none is racily clean
        sleep(1)
        try git(["update-index", "--really-refresh"], in: fixture.path)
        let index = try #require(GitIndex.load(path: fixture.path + "/.git/index", hashLength: 20))
        func stat(_ path: String) throws -> FileStat {
            var info = Glibc.stat()
            try #require(lstat(fixture.path + "/" + path, &info) == 0)
            return FileStat(info)
        }
        let entry = try #require(index.entries["app.py"])
        #expect(entry.unchangedBlob(stat: try stat("app.py"), indexWrittenAt: index.writtenAt) == entry.objectID)
        // same size, new content: the ctime (and mtime) moved, so the index no longer vouches
        try fixture.write("app.py", "print(2)\n")
        #expect(entry.unchangedBlob(stat: try stat("app.py"), indexWrittenAt: index.writtenAt) == nil)
        // racily clean: the recorded stat data, but modified in the second the index was written (a change in
        // that second could have left size and times as they were)
        let modified = Int(entry.stat.mtimeSeconds)
        #expect(entry.unchangedBlob(stat: entry.stat, indexWrittenAt: modified) == nil)
        #expect(entry.unchangedBlob(stat: entry.stat, indexWrittenAt: modified + 1) == entry.objectID)
        // the symlink is tracked but never vouched for as a blob
        let link = try #require(index.entries["link"])
        #expect(link.mode == 0o120000)
        #expect(link.unchangedBlob(stat: try stat("link"), indexWrittenAt: index.writtenAt) == nil)
    }

    @Test func workingTreeDigestsAreGitsWhetherTheIndexIsTrustedOrNot() throws {
        let fixture = try repository()
        defer { fixture.remove() }
        try fixture.write("app.py", "print(2)\n")  // same size as the committed content
        try fixture.write("new.txt", "untracked\n")
        let (fromIndex, state) = try GitSource.workingTreeAndIndex(directory: fixture.path, dockerfile: nil)
        let hashOut = try git(["hash-object", "app.py", "src/pkg/module.py", "new.txt"], in: fixture.path)
        let ids = hashOut.split(separator: "\n").map { "git:" + $0 }
        #expect(fromIndex.entries["app.py"]?.digest == ids[0])
        #expect(fromIndex.entries["src/pkg/module.py"]?.digest == ids[1])
        #expect(fromIndex.entries["new.txt"]?.digest == ids[2])
        #expect(state.untracked == ["new.txt"])
        #expect(state.tracks("app.py") && !state.tracks("new.txt"))

        // a split index is not read: git lists it, with the same result
        try git(["update-index", "--split-index"], in: fixture.path)
        #expect(GitIndex.load(path: fixture.path + "/.git/index", hashLength: 20) == nil)
        let (fromGit, gitState) = try GitSource.workingTreeAndIndex(directory: fixture.path, dockerfile: nil)
        #expect(fromGit.entries == fromIndex.entries)
        #expect(gitState.untracked == state.untracked)
    }

    @Test func aContextInASubdirectoryMapsPathsThroughItsPrefix() throws {
        let fixture = try repository()
        defer { fixture.remove() }
        let directory = fixture.path + "/src"
        let repository = try #require(GitSource.repository(of: directory))
        #expect(repository.prefix == "src/")
        let (snapshot, state) = try GitSource.workingTreeAndIndex(directory: directory, dockerfile: nil)
        let committed = try git(["rev-parse", "HEAD:src/pkg/module.py"], in: fixture.path)
        #expect(snapshot.entries["pkg/module.py"]?.digest == "git:" + committed.trimmingCharacters(in: .newlines))
        #expect(state.untracked.isEmpty)
        #expect(state.tracks("pkg/module.py"))
    }

    @Test func aMalformedIndexIsNotRead() throws {
        let fixture = try ContextFixture(["index": "DIRC\u{0}\u{0}\u{0}\u{2}\u{0}\u{0}\u{0}\u{9}garbage"])
        defer { fixture.remove() }
        #expect(GitIndex.load(path: fixture.path + "/index", hashLength: 20) == nil)
        #expect(GitIndex.load(path: fixture.path + "/absent", hashLength: 20) == nil)
    }

    /// Found by scripts/fuzz.sh (FuzzGitIndex): a header claiming 234 million entries made the parser
    /// reserve room for all of them before reading one. A count the file cannot hold is malformed.
    @Test func aCountTheFileCannotHoldIsMalformed() {
        let input: [UInt8] = [
            68, 73, 82, 67, 0, 0, 0, 2, 14, 0, 0, 107, 7, 0, 230, 58, 52, 236, 25, 30, 107, 14, 230, 58, 52, 236, 25,
            30,
            0, 0, 254, 0, 0, 247, 224, 138, 0, 0, 129, 164, 0, 0, 0, 0, 0, 0, 0, 0, 0, 126, 73, 82, 67, 0, 0, 0, 2, 0,
            0,
            0, 7, 0, 107,
        ]
        #expect(input.withUnsafeBytes { GitIndex.parse($0, hashLength: 20) } == nil)
    }

    /// Found by scripts/fuzz.sh (FuzzGitIndex): a version 4 entry whose prefix length (a varint) runs on
    /// for a dozen bytes grew past every name and went negative. A length beyond the file is malformed.
    @Test func aRunawayPrefixLengthIsMalformed() {
        var input: [UInt8] = Array("DIRC".utf8) + [0, 0, 0, 4, 0, 0, 0, 1]
        input += [UInt8](repeating: 0, count: 62)  // stat data, mode, object id, flags
        input += [UInt8](repeating: 0xFF, count: 12) + [0x01] + Array("a".utf8) + [0]
        input += [UInt8](repeating: 0, count: 20)  // the checksum
        #expect(input.withUnsafeBytes { GitIndex.parse($0, hashLength: 20) } == nil)
    }

    /// Found by scripts/fuzz.sh (FuzzGitIndex): a version 3 entry with extended flags that ends where its
    /// name should start made an inverted range.
    @Test func extendedFlagsWithNoRoomForANameAreMalformed() {
        var input: [UInt8] = Array("DIRC".utf8) + [0, 0, 0, 3, 0, 0, 0, 1]
        input += [UInt8](repeating: 0, count: 60) + [0x40, 0x00]  // stat data, mode, object id, flags: extended
        input += [UInt8](repeating: 0, count: 20)  // the checksum, where the extended flags would be
        #expect(input.withUnsafeBytes { GitIndex.parse($0, hashLength: 20) } == nil)
    }
}
