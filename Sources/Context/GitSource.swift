import Foundation

/// Reads a build context and its Dockerfile as they were at a git revision (`git ls-tree`, `git show`).
public enum GitSource {
    /// Runs git in `directory`; nil when git fails.
    static func git(_ arguments: [String], in directory: String) -> Data? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? data : nil
    }

    /// The commit a revision names (`HEAD`, `v1.2`, `HEAD~1`), or nil.
    public static func commit(_ revision: String, in directory: String) -> String? {
        git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: directory).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The paths git tracks now (the index), relative to `directory`.
    public static func trackedPaths(in directory: String) -> Set<String> {
        guard let listing = git(["ls-files", "-z"], in: directory) else { return [] }
        return Set(listing.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
    }

    /// Whether `directory` is inside a git work tree.
    public static func isRepository(_ directory: String) -> Bool {
        git(["rev-parse", "--is-inside-work-tree"], in: directory) != nil
    }

    /// The content of `path` (relative to `directory`) at `revision`.
    public static func show(_ revision: String, path: String, in directory: String) -> [UInt8]? {
        let prefix = String(decoding: git(["rev-parse", "--show-prefix"], in: directory) ?? Data(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return git(["show", "\(revision):\(prefix)\(path)"], in: directory).map { [UInt8]($0) }
    }

    /// The context at `revision`: entries under `directory` with git blob ids and git's modes, after the
    /// `.dockerignore` (or `<dockerfile>.dockerignore`) of that revision.
    /// `untrackedIgnore` is a `.dockerignore` the working tree holds but git does not track: it was in the
    /// context at that revision too, so it applies when the revision has none of its own.
    public static func snapshot(
        revision: String, directory: String, dockerfile: String?, untrackedIgnore: (name: String, text: [UInt8])? = nil
    ) throws(ContextError)
        -> ContextSnapshot
    {
        guard let listing = git(["ls-tree", "-r", "-z", "-l", revision, "--", "."], in: directory) else {
            throw .unreadable(path: directory, reason: "git cannot list revision \(revision)")
        }
        var ignoreText: [UInt8]? = nil
        var ignoreName: String? = nil
        if let dockerfile, let text = show(revision, path: dockerfile + ".dockerignore", in: directory) {
            ignoreText = text
            ignoreName = dockerfile + ".dockerignore"
        } else if let text = show(revision, path: ".dockerignore", in: directory) {
            ignoreText = text
            ignoreName = ".dockerignore"
        } else if let untrackedIgnore {
            ignoreText = untrackedIgnore.text
            ignoreName = untrackedIgnore.name
        }
        let ignore: IgnoreMatcher
        if let ignoreText {
            ignore = try IgnoreMatcher(dockerignore: String(decoding: ignoreText, as: UTF8.self), source: ignoreName)
        } else {
            ignore = try IgnoreMatcher(patterns: [])
        }
        var entries: [String: ContextEntry] = [:]
        var excluded: [ContextEntry] = []
        for record in listing.split(separator: 0) {
            // "<mode> <type> <object> <size>\t<path>"
            guard let tab = record.firstIndex(of: 0x09) else { continue }
            let fields = String(decoding: record[record.startIndex..<tab], as: UTF8.self).split(
                separator: " ", omittingEmptySubsequences: true)
            let path = String(decoding: record[record.index(after: tab)...], as: UTF8.self)
            guard fields.count >= 4, fields[1] == "blob" else { continue }
            let gitMode = String(fields[0])
            let isLink = gitMode == "120000"
            let entry = ContextEntry(
                path: path, kind: isLink ? .symlink : .file, size: Int64(fields[3]) ?? 0,
                mode: gitMode == "100755" ? 0o755 : 0o644, digest: (isLink ? "gitlink:" : "git:") + fields[2])
            if ignore.excludes(path) { excluded.append(entry) } else { entries[path] = entry }
        }
        return ContextSnapshot(entries: entries, excluded: excluded, ignoreFile: ignoreName, ignore: ignore)
    }

    /// A working-tree snapshot comparable with a revision: git blob ids and git's two modes.
    public static func workingTree(directory: String, dockerfile: String?) throws(ContextError) -> ContextSnapshot {
        var snapshot = try ContextSnapshot.scan(directory: directory, dockerfile: dockerfile, hashing: .gitBlob)
        for (path, var entry) in snapshot.entries {
            entry.mode = entry.mode & 0o100 != 0 ? 0o755 : 0o644
            if entry.kind == .symlink {
                let target = String(entry.digest.dropFirst("link:".count))
                entry.digest = "gitlink:" + SHA1.gitBlobID(Array(target.utf8))
            }
            snapshot.entries[path] = entry
        }
        return snapshot
    }
}
