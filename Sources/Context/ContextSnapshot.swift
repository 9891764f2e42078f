import Base
import Dispatch
import Dockerfile
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The files a build context sends to the builder (after `.dockerignore`), with sizes, modes and digests.
public struct ContextSnapshot: Sendable, Equatable {
    /// Files and symlinks sent, by path.
    public var entries: [String: ContextEntry]
    /// Files left out by `.dockerignore` (counted, never hashed).
    public var excluded: [ContextEntry]
    /// The ignore file applied, when there was one.
    public var ignoreFile: String?
    public var ignore: IgnoreMatcher

    public init(
        entries: [String: ContextEntry], excluded: [ContextEntry] = [], ignoreFile: String? = nil, ignore: IgnoreMatcher
    ) {
        self.entries = entries
        self.excluded = excluded
        self.ignoreFile = ignoreFile
        self.ignore = ignore
    }

    /// The entries ordered by path, in byte order of their UTF-8 (the order BuildKit and git list files in).
    /// The paths are copied into one buffer and indices sorted with `memcmp` on it: moving entries, or
    /// comparing Strings, costs reference counting on every step of a sort.
    public var sortedEntries: [ContextEntry] {
        let values = Array(entries.values)
        var bytes: [UInt8] = []
        var starts: [Int] = []
        starts.reserveCapacity(values.count + 1)
        for entry in values {
            starts.append(bytes.count)
            bytes.append(contentsOf: entry.path.utf8)
        }
        starts.append(bytes.count)
        let order = bytes.withUnsafeBufferPointer { buffer in
            starts.withUnsafeBufferPointer { starts in
                (0..<values.count).sorted { a, b in
                    let lengthA = starts[a + 1] - starts[a]
                    let lengthB = starts[b + 1] - starts[b]
                    let common = min(lengthA, lengthB)
                    if common > 0, let base = buffer.baseAddress {
                        let order = memcmp(base + starts[a], base + starts[b], common)
                        if order != 0 { return order < 0 }
                    }
                    return lengthA < lengthB
                }
            }
        }
        return order.map { values[$0] }
    }

    /// Bytes sent to the builder.
    public var totalBytes: Int64 { entries.values.reduce(0) { $0 + $1.size } }

    /// Walks `directory` applying the ignore file BuildKit would use for `dockerfile`, hashing on `workers` threads.
    public static func scan(
        directory: String, dockerfile: String? = nil, hashing: ContentHashing = .fast, workers: Int = 2,
        countExcluded: Bool = true
    ) throws(ContextError) -> ContextSnapshot {
        let walker = try walk(directory: directory, dockerfile: dockerfile, countExcluded: countExcluded)
        var files = walker.sent
        if hashing != .none {
            Self.hash(&files, root: directory, hashing: hashing, workers: max(1, workers))
        }
        var entries: [String: ContextEntry] = [:]
        entries.reserveCapacity(files.count)
        for file in files { entries[file.path] = file }
        return ContextSnapshot(
            entries: entries, excluded: walker.excluded, ignoreFile: walker.ignore.source, ignore: walker.ignore)
    }

    /// The walk of `directory` under the ignore file BuildKit would use for `dockerfile`: the files sent
    /// (unhashed), those left out when `countExcluded`, and each sent file's stat data when `stats`.
    static func walk(
        directory: String, dockerfile: String?, countExcluded: Bool, stats: Bool = false
    )
        throws(ContextError) -> Walker
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(path: directory, reason: "not a directory")
        }
        let ignore: IgnoreMatcher
        do throws(DockerfileError) {
            ignore = try IgnoreMatcher.load(context: directory, dockerfile: dockerfile)
        } catch {
            throw .ignoreFile(error)
        }
        var walker = Walker(root: directory, ignore: ignore, countExcluded: countExcluded)
        if stats { walker.stats = [] }
        walker.walk("")
        return walker
    }

    /// Hashes file contents in parallel: the largest files are spread over the workers first.
    /// Files that already carry a digest are left as they are.
    static func hash(_ files: inout [ContextEntry], root: String, hashing: ContentHashing, workers: Int) {
        let order = files.indices.filter { files[$0].kind == .file && files[$0].digest.isEmpty }.sorted {
            files[$0].size > files[$1].size
        }
        let digests = UnsafeMutableBufferPointer<String>.allocate(capacity: files.count)
        digests.initialize(repeating: "")
        defer { digests.deallocate() }
        let box = UnsafeSendable(digests)
        let paths = files.map { root + "/" + $0.path }
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            var i = worker
            while i < order.count {
                let index = order[i]
                box.value[index] = digest(path: paths[index], hashing: hashing, buffer: buffer)
                i += workers
            }
        }
        for index in order { files[index].digest = digests[index] }
    }

    /// The digest of one file's content ("" when it cannot be read).
    static func digest(path: String, hashing: ContentHashing, buffer: UnsafeMutableRawBufferPointer) -> String {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "unreadable" }
        defer { close(fd) }
        switch hashing {
        case .fast:
            var hasher = XXHash64()
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n <= 0 { break }
                hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            return "xxh64:" + String(hasher.finalize(), radix: 16)
        case .gitBlob:
            var content: [UInt8] = []
            while true {
                let n = read(fd, buffer.baseAddress, buffer.count)
                if n <= 0 { break }
                content.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            return "git:" + SHA1.gitBlobID(content)
        case .none:
            return ""
        }
    }

    /// Directory walk with lstat, applying the ignore matcher; excluded directories are pruned unless a `!`
    /// exception could re-include something inside them.
    struct Walker {
        let root: String
        let ignore: IgnoreMatcher
        let countExcluded: Bool
        var sent: [ContextEntry] = []
        var excluded: [ContextEntry] = []
        /// The stat data of each sent entry, in the same order, when asked for (to compare with git's index).
        var stats: [FileStat]? = nil

        mutating func walk(_ relative: String) {
            let path = relative.isEmpty ? root : root + "/" + relative
            guard let dir = opendir(path) else { return }
            defer { closedir(dir) }
            var names: [String] = []
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                names.append(name)
            }
            // stat by name within the open directory: the kernel resolves one component, not the whole path
            let directoryFD = dirfd(dir)
            for name in names {
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard fstatat(directoryFD, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                let type = info.st_mode & S_IFMT
                let mode = UInt32(info.st_mode & 0o7777)
                // directories the walk entered are not excluded (without `!` exceptions), so their children need
                // only their own match
                let isExcluded = ignore.excludesItself(child)
                if type == S_IFDIR {
                    if isExcluded && !ignore.hasExclusions {
                        if countExcluded { countTree(child) }
                        continue
                    }
                    walk(child)
                    continue
                }
                let kind: ContextEntry.Kind = type == S_IFLNK ? .symlink : .file
                var entry = ContextEntry(path: child, kind: kind, size: Int64(info.st_size), mode: mode, digest: "")
                if kind == .symlink {
                    entry.digest =
                        "link:"
                        + ((try? FileManager.default.destinationOfSymbolicLink(atPath: root + "/" + child)) ?? "")
                }
                if isExcluded {
                    if countExcluded { excluded.append(entry) }
                } else {
                    sent.append(entry)
                    stats?.append(FileStat(info))
                }
            }
        }

        /// Counts an excluded directory's files without hashing.
        mutating func countTree(_ relative: String) {
            guard let dir = opendir(root + "/" + relative) else { return }
            defer { closedir(dir) }
            while let entry = readdir(dir) {
                let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                    pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let child = relative + "/" + name
                var info = stat()
                guard lstat(root + "/" + child, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    countTree(child)
                } else {
                    excluded.append(
                        ContextEntry(
                            path: child, kind: .file, size: Int64(info.st_size), mode: UInt32(info.st_mode & 0o7777),
                            digest: ""))
                }
            }
        }
    }
}
