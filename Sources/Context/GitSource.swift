import Base
import Dockerfile
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

    /// What git's index says about the working tree, for the states `gym cache --from` compares: HEAD's
    /// commit (nil before the first commit), the paths of the working-tree snapshot git does not track
    /// (untracked and git-ignored files, `.git`), and whether it tracks a given path.
    struct IndexState {
        var head: String?
        var untracked: Set<String> = []
        var tracks: (String) -> Bool
    }

    /// The tracked paths and the blob ids of the tracked files whose stat data show them unchanged, from git
    /// itself (`git ls-files -s`, less what `git diff-files` reports: a file whose stat data changed is hashed
    /// again, never trusted); both listings are read at once. For an index gym does not read itself.
    static func listIndex(in directory: String) -> (tracked: Set<String>, unchanged: [String: String]) {
        let (staged, dirty) = Concurrently.run(
            { git(["ls-files", "-s", "-z"], in: directory) },
            { git(["diff-files", "--name-only", "-z", "--relative"], in: directory) })
        guard let staged, let dirty else { return ([], [:]) }
        let changed = Set(records(dirty).map(text))
        let regular = Array("100644".utf8)
        let executable = Array("100755".utf8)
        var tracked: Set<String> = []
        var unchanged: [String: String] = [:]
        let all = records(staged)
        tracked.reserveCapacity(all.count)
        unchanged.reserveCapacity(all.count)
        for record in all {
            // "<mode> <object> <stage>\t<path>"
            guard let (fields, path) = fields(record) else { continue }
            tracked.insert(path)
            guard fields.count == 3, fields[2].elementsEqual([0x30]),
                fields[0].elementsEqual(regular) || fields[0].elementsEqual(executable), !changed.contains(path)
            else { continue }
            unchanged[path] = "git:" + text(fields[1])
        }
        return (tracked, unchanged)
    }

    /// The content of `path` (relative to `directory`) at `revision`.
    public static func show(_ revision: String, path: String, in directory: String) -> [UInt8]? {
        show(revision, path: path, in: directory, prefix: prefix(of: directory) ?? "")
    }

    /// Where `directory` is inside its repository (`app/` for a subdirectory, "" at the root); nil when it is
    /// not inside a work tree.
    static func prefix(of directory: String) -> String? {
        repository(of: directory)?.prefix
    }

    /// A work tree as `gym cache` reads it: where the context directory is inside it and where its index is.
    struct Repository: Sendable {
        var prefix: String
        var indexFile: String
    }

    /// The repository `directory` is in (nil when it is in none), from one `git rev-parse`.
    static func repository(of directory: String) -> Repository? {
        guard let output = git(["rev-parse", "--show-prefix", "--git-path", "index"], in: directory) else {
            return nil
        }
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 2 else { return nil }
        let index = String(lines[1])
        return Repository(
            prefix: String(lines[0]).trimmingCharacters(in: .whitespaces),
            indexFile: index.hasPrefix("/") ? index : directory + "/" + index)
    }

    static func show(_ revision: String, path: String, in directory: String, prefix: String) -> [UInt8]? {
        git(["show", "\(revision):\(prefix)\(path)"], in: directory)
    }

    /// A revision as git stores it: its commit, its Dockerfile, its files under the context directory (git
    /// blob ids and git's modes) and its `.dockerignore`, read with no working tree involved. File sizes are
    /// not read (size -1): git would have to open every object for them, and no cache key includes a size.
    struct Revision: Sendable {
        var name: String
        var commit: String
        var dockerfile: [UInt8]?
        var files: [ContextEntry]
        var ignoreFile: (name: String, text: [UInt8])?
    }

    /// Reads `revision`; `dockerfile` is the Dockerfile's path relative to `directory`, `prefix` the
    /// directory's place in the repository.
    static func revision(
        _ revision: String, directory: String, dockerfile: String?, prefix: String
    )
        throws(ContextError) -> Revision
    {
        // the listing, and beside it the commit and the Dockerfile
        let (listing, named): ([UInt8]?, (String?, [UInt8]?)) = Concurrently.run(
            { git(["ls-tree", "-r", "-z", revision, "--", "."], in: directory) },
            {
                guard let id = Self.commit(revision, in: directory) else { return (nil, nil) }
                guard let dockerfile else { return (id, nil) }
                return (id, show(id, path: dockerfile, in: directory, prefix: prefix))
            })
        let (commit, dockerfileText) = named
        guard let commit else {
            throw .unreadable(path: directory, reason: "git does not know revision \(revision)")
        }
        guard let listing else {
            throw .unreadable(path: directory, reason: "git cannot list revision \(revision)")
        }
        var files: [ContextEntry] = []
        files.reserveCapacity(listing.count / 64)
        let blob = Array("blob".utf8)
        let link = Array("120000".utf8)
        let executable = Array("100755".utf8)
        for record in records(listing) {
            // "<mode> <type> <object>\t<path>"
            guard let (fields, path) = fields(record), fields.count >= 3, fields[1].elementsEqual(blob) else {
                continue
            }
            let isLink = fields[0].elementsEqual(link)
            files.append(
                ContextEntry(
                    path: path, kind: isLink ? .symlink : .file, size: -1,
                    mode: fields[0].elementsEqual(executable) ? 0o755 : 0o644,
                    digest: (isLink ? "gitlink:" : "git:") + text(fields[2])))
        }
        // the ignore file BuildKit would read: `<dockerfile>.dockerignore` first, then `.dockerignore`
        var ignoreFile: (name: String, text: [UInt8])?
        let candidates = (dockerfile.map { [$0 + ".dockerignore"] } ?? []) + [".dockerignore"]
        for name in candidates where ignoreFile == nil && (name.hasPrefix("../") || files.contains { $0.path == name })
        {
            if let text = show(commit, path: name, in: directory, prefix: prefix) { ignoreFile = (name, text) }
        }
        return Revision(
            name: revision, commit: commit, dockerfile: dockerfileText, files: files, ignoreFile: ignoreFile)
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
        let read = try Self.revision(
            revision, directory: directory, dockerfile: dockerfile, prefix: prefix(of: directory) ?? "")
        return try snapshot(of: read, untrackedIgnore: untrackedIgnore)
    }

    static func snapshot(
        of revision: Revision, untrackedIgnore: (name: String, text: [UInt8])?
    ) throws(ContextError)
        -> ContextSnapshot
    {
        let ignoreFile = revision.ignoreFile ?? untrackedIgnore
        let ignore: IgnoreMatcher
        do throws(DockerfileError) {
            if let ignoreFile {
                ignore = try IgnoreMatcher(
                    dockerignore: String(decoding: ignoreFile.text, as: UTF8.self), source: ignoreFile.name)
            } else {
                ignore = try IgnoreMatcher(patterns: [])
            }
        } catch {
            throw .ignoreFile(error)
        }
        var entries: [String: ContextEntry] = [:]
        entries.reserveCapacity(revision.files.count)
        var excluded: [ContextEntry] = []
        var directories: [Substring: Bool] = [:]
        for entry in revision.files {
            if ignore.excludes(entry.path, directories: &directories) {
                excluded.append(entry)
            } else {
                entries[entry.path] = entry
            }
        }
        return ContextSnapshot(entries: entries, excluded: excluded, ignoreFile: ignoreFile?.name, ignore: ignore)
    }

    /// A working-tree snapshot comparable with a revision: git blob ids and git's two modes.
    public static func workingTree(directory: String, dockerfile: String?) throws(ContextError) -> ContextSnapshot {
        try workingTreeAndIndex(directory: directory, dockerfile: dockerfile).snapshot
    }

    /// The working-tree snapshot and the index it was compared with. The directory walk and the reading of
    /// git's index run at the same time; only files the index cannot vouch for are read and hashed.
    static func workingTreeAndIndex(
        directory: String, dockerfile: String?, repository: Repository? = nil
    )
        throws(ContextError) -> (snapshot: ContextSnapshot, index: IndexState)
    {
        let repository = repository ?? Self.repository(of: directory)
        let (walked, (head, parsed)) = Concurrently.run(
            {
                Result { () throws(ContextError) in
                    try ContextSnapshot.walk(
                        directory: directory, dockerfile: dockerfile, countExcluded: false, stats: true)
                }
            },
            {
                let head = commit("HEAD", in: directory)
                // the index's object ids are as long as the repository's commit ids
                let parsed = repository.flatMap { repository in
                    head.flatMap { GitIndex.load(path: repository.indexFile, hashLength: $0.utf8.count / 2) }
                }
                return (head, parsed)
            })
        let walker = try walked.get()
        var files = walker.sent
        let stats = walker.stats ?? []
        let ignore = walker.ignore
        var index: IndexState
        if let parsed, let prefix = repository?.prefix {
            index = IndexState(head: head, tracks: { parsed.entries[prefix + $0] != nil })
            for i in files.indices {
                guard let entry = parsed.entries[prefix.isEmpty ? files[i].path : prefix + files[i].path] else {
                    index.untracked.insert(files[i].path)
                    continue
                }
                if files[i].kind == .file,
                    let blob = entry.unchangedBlob(stat: stats[i], indexWrittenAt: parsed.writtenAt)
                {
                    files[i].digest = "git:" + blob
                }
            }
        } else {
            // no index gym reads itself (no commit yet, a split or sparse index): git lists it
            let (tracked, unchanged) = listIndex(in: directory)
            index = IndexState(head: head, tracks: { tracked.contains($0) })
            for i in files.indices {
                if !tracked.contains(files[i].path) { index.untracked.insert(files[i].path) }
                if files[i].kind == .file, let digest = unchanged[files[i].path] { files[i].digest = digest }
            }
        }
        ContextSnapshot.hash(&files, root: directory, hashing: .gitBlob, workers: 2)
        var entries: [String: ContextEntry] = [:]
        entries.reserveCapacity(files.count)
        for var entry in files {
            entry.mode = entry.mode & 0o100 != 0 ? 0o755 : 0o644
            if entry.kind == .symlink {
                let target = String(entry.digest.dropFirst("link:".count))
                entry.digest = "gitlink:" + SHA1.gitBlobID(Array(target.utf8))
            }
            entries[entry.path] = entry
        }
        let snapshot = ContextSnapshot(entries: entries, excluded: [], ignoreFile: ignore.source, ignore: ignore)
        return (snapshot, index)
    }
}
