import Foundation
import Spawn

/// Reads a build context and its Dockerfile as they were at a git revision (`git ls-tree`, `git show`).
public enum GitSource {
    /// Runs git in `directory`; nil when git fails (or is not installed).
    static func git(_ arguments: [String], in directory: String) -> [UInt8]? {
        guard let output = try? Subprocess.run(["git", "-C", directory] + arguments), output.succeeded else {
            return nil
        }
        return output.stdout
    }

    /// The NUL-terminated records of git's `-z` output.
    static func records(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var records: [ArraySlice<UInt8>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0 {
            if i > start { records.append(bytes[start..<i]) }
            start = i + 1
        }
        if start < bytes.count { records.append(bytes[start...]) }
        return records
    }

    /// The space-separated fields before the tab of a record, and the path after it.
    static func fields(_ record: ArraySlice<UInt8>) -> (fields: [ArraySlice<UInt8>], path: String)? {
        guard let tab = record.firstIndex(of: 0x09) else { return nil }
        let head = record[record.startIndex..<tab]
        let fields = head.split(separator: 0x20)
        return (fields, String(decoding: record[(tab + 1)...], as: UTF8.self))
    }

    static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The commit a revision names (`HEAD`, `v1.2`, `HEAD~1`), or nil.
    public static func commit(_ revision: String, in directory: String) -> String? {
        git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"], in: directory).map {
            String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// The paths git tracks now (the index), relative to `directory`.
    public static func trackedPaths(in directory: String) -> Set<String> {
        guard let listing = git(["ls-files", "-z"], in: directory) else { return [] }
        return Set(records(listing).map(text))
    }

    /// The blob ids of the tracked files git's index says are unchanged in the working tree (`git ls-files
    /// -s`, less what `git diff-files` reports: a file whose stat data changed is hashed again, never trusted).
    static func unchangedBlobs(in directory: String) -> [String: String] {
        guard let staged = git(["ls-files", "-s", "-z"], in: directory),
            let dirty = git(["diff-files", "--name-only", "-z", "--relative"], in: directory)
        else { return [:] }
        let changed = Set(records(dirty).map(text))
        let regular = Array("100644".utf8)
        let executable = Array("100755".utf8)
        var blobs: [String: String] = [:]
        for record in records(staged) {
            // "<mode> <object> <stage>\t<path>"
            guard let (fields, path) = fields(record), fields.count == 3, fields[2].elementsEqual([0x30]),
                fields[0].elementsEqual(regular) || fields[0].elementsEqual(executable), !changed.contains(path)
            else { continue }
            blobs[path] = "git:" + text(fields[1])
        }
        return blobs
    }

    /// Whether `directory` is inside a git work tree.
    public static func isRepository(_ directory: String) -> Bool {
        git(["rev-parse", "--is-inside-work-tree"], in: directory) != nil
    }

    /// The content of `path` (relative to `directory`) at `revision`.
    public static func show(_ revision: String, path: String, in directory: String) -> [UInt8]? {
        show(revision, path: path, in: directory, prefix: prefix(of: directory))
    }

    /// Where `directory` is inside its repository (`app/` for a subdirectory, "" at the root).
    static func prefix(of directory: String) -> String {
        String(decoding: git(["rev-parse", "--show-prefix"], in: directory) ?? [], as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func show(_ revision: String, path: String, in directory: String, prefix: String) -> [UInt8]? {
        git(["show", "\(revision):\(prefix)\(path)"], in: directory)
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
        let prefix = prefix(of: directory)
        if let dockerfile, let text = show(revision, path: dockerfile + ".dockerignore", in: directory, prefix: prefix)
        {
            ignoreText = text
            ignoreName = dockerfile + ".dockerignore"
        } else if let text = show(revision, path: ".dockerignore", in: directory, prefix: prefix) {
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
        let blob = Array("blob".utf8)
        let link = Array("120000".utf8)
        let executable = Array("100755".utf8)
        entries.reserveCapacity(listing.count / 64)
        for record in records(listing) {
            // "<mode> <type> <object> <size>\t<path>" (the size right-aligned, so padded with spaces)
            guard let (fields, path) = fields(record), fields.count >= 4, fields[1].elementsEqual(blob) else {
                continue
            }
            let isLink = fields[0].elementsEqual(link)
            let entry = ContextEntry(
                path: path, kind: isLink ? .symlink : .file, size: Int64(text(fields[3])) ?? 0,
                mode: fields[0].elementsEqual(executable) ? 0o755 : 0o644,
                digest: (isLink ? "gitlink:" : "git:") + text(fields[2]))
            if ignore.excludes(path) { excluded.append(entry) } else { entries[path] = entry }
        }
        return ContextSnapshot(entries: entries, excluded: excluded, ignoreFile: ignoreName, ignore: ignore)
    }

    /// A working-tree snapshot comparable with a revision: git blob ids and git's two modes.
    public static func workingTree(directory: String, dockerfile: String?) throws(ContextError) -> ContextSnapshot {
        var snapshot = try ContextSnapshot.scan(
            directory: directory, dockerfile: dockerfile, hashing: .gitBlob, countExcluded: false,
            known: unchangedBlobs(in: directory))
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
