#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The stat data git keeps for a file in its index, truncated to 32 bits as git stores it.
struct FileStat: Equatable, Sendable {
    var ctimeSeconds: UInt32
    var ctimeNanoseconds: UInt32
    var mtimeSeconds: UInt32
    var mtimeNanoseconds: UInt32
    var device: UInt32
    var inode: UInt32
    var userID: UInt32
    var groupID: UInt32
    var size: UInt32
}

extension FileStat {
    /// The stat data of a file as the kernel reports them.
    init(_ info: stat) {
        #if canImport(Glibc)
        let ctime = info.st_ctim
        let mtime = info.st_mtim
        #else
        let ctime = info.st_ctimespec
        let mtime = info.st_mtimespec
        #endif
        self.init(
            ctimeSeconds: UInt32(truncatingIfNeeded: ctime.tv_sec),
            ctimeNanoseconds: UInt32(truncatingIfNeeded: ctime.tv_nsec),
            mtimeSeconds: UInt32(truncatingIfNeeded: mtime.tv_sec),
            mtimeNanoseconds: UInt32(truncatingIfNeeded: mtime.tv_nsec),
            device: UInt32(truncatingIfNeeded: info.st_dev), inode: UInt32(truncatingIfNeeded: info.st_ino),
            userID: UInt32(truncatingIfNeeded: info.st_uid), groupID: UInt32(truncatingIfNeeded: info.st_gid),
            size: UInt32(truncatingIfNeeded: info.st_size))
    }
}

/// git's index file (`.git/index`, versions 2 to 4), read directly: the tracked paths with their blob ids and
/// the stat data git recorded when it last hashed each file. It answers what `git ls-files -s` and
/// `git diff-files` answer together without starting git or having git stat the work tree a second time.
///
/// A file is vouched for only as git itself would: its stat data are all equal to what the index recorded
/// and it is not "racily clean" (modified in the same second the index was written, or later). Anything
/// else is hashed again by the caller. A split or sparse index is not read (nil): the caller asks git.
struct GitIndex {
    struct Entry {
        var objectID: String
        var mode: UInt32
        var stage: UInt8
        var stat: FileStat

        /// The blob this entry recorded, when the index vouches that a file with `stat` still has it: a
        /// regular file at stage 0, every stat field equal, and not modified at or after the moment the index
        /// was written (git's racily clean case, where the stat data cannot tell).
        func unchangedBlob(stat: FileStat, indexWrittenAt: Int) -> String? {
            guard stage == 0, mode == 0o100644 || mode == 0o100755, self.stat == stat,
                Int(stat.mtimeSeconds) < indexWrittenAt
            else { return nil }
            return objectID
        }
    }

    /// Entries by path relative to the repository's root.
    var entries: [String: Entry]
    /// When the index file was last written (seconds): a file modified at or after it is racily clean.
    var writtenAt: Int

    /// Loads the index at `path`; `hashLength` is 20 (SHA-1) or 32 (SHA-256 repositories). Nil when the
    /// file is absent, malformed, of an unknown version, or split or sparse.
    static func load(path: String, hashLength: Int) -> GitIndex? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size >= 12 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + filled, $0.count - filled) }
            guard n > 0 else { return nil }
            filled += n
        }
        #if canImport(Glibc)
        let writtenAt = Int(info.st_mtim.tv_sec)
        #else
        let writtenAt = Int(info.st_mtimespec.tv_sec)
        #endif
        guard let entries = bytes.withUnsafeBytes({ parse($0, hashLength: hashLength) }) else { return nil }
        return GitIndex(entries: entries, writtenAt: writtenAt)
    }

    static func parse(_ data: UnsafeRawBufferPointer, hashLength: Int) -> [String: Entry]? {
        func word(_ offset: Int) -> UInt32 {
            UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8
                | UInt32(data[offset + 3])
        }
        guard data.count >= 12 + hashLength, data[0] == 0x44, data[1] == 0x49, data[2] == 0x52, data[3] == 0x43
        else { return nil }  // "DIRC"
        let version = word(4)
        guard (2...4).contains(version) else { return nil }
        let count = Int(word(8))
        let end = data.count - hashLength  // the trailing checksum
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        var entries: [String: Entry] = [:]
        // the header's count is a claim: an entry takes at least 62 bytes, so no more can fit in the file
        guard count <= data.count / 62 else { return nil }
        entries.reserveCapacity(count)
        var offset = 12
        var previousName: [UInt8] = []
        for _ in 0..<count {
            let fixed = 40 + hashLength + 2
            guard offset + fixed <= end else { return nil }
            let stat = FileStat(
                ctimeSeconds: word(offset), ctimeNanoseconds: word(offset + 4), mtimeSeconds: word(offset + 8),
                mtimeNanoseconds: word(offset + 12), device: word(offset + 16), inode: word(offset + 20),
                userID: word(offset + 28), groupID: word(offset + 32), size: word(offset + 36))
            let mode = word(offset + 24)
            let objectStart = offset + 40
            let objectID = String(unsafeUninitializedCapacity: hashLength * 2) { text in
                for i in 0..<hashLength {
                    let byte = data[objectStart + i]
                    text[2 * i] = hex[Int(byte >> 4)]
                    text[2 * i + 1] = hex[Int(byte & 0x0F)]
                }
                return hashLength * 2
            }
            let flags = UInt16(data[offset + 40 + hashLength]) << 8 | UInt16(data[offset + 41 + hashLength])
            var nameStart = offset + fixed
            if flags & 0x4000 != 0 {
                guard version >= 3 else { return nil }
                nameStart += 2  // extended flags (skip-worktree, intent-to-add)
            }
            guard nameStart <= end else { return nil }
            let name: String
            if version == 4 {
                // the name is the previous one less N bytes, plus a NUL-terminated suffix; no padding
                var strip = 0
                var cursor = nameStart
                guard cursor < end else { return nil }
                var byte = data[cursor]
                strip = Int(byte & 0x7F)
                while byte & 0x80 != 0 {
                    cursor += 1
                    // no name is longer than the file: a larger count is malformed (and would overflow)
                    guard cursor < end, strip <= data.count else { return nil }
                    byte = data[cursor]
                    strip = ((strip + 1) << 7) | Int(byte & 0x7F)
                }
                cursor += 1
                guard strip <= previousName.count,
                    let nul = UnsafeRawBufferPointer(rebasing: data[cursor..<end]).firstIndex(of: 0)
                else { return nil }
                previousName = Array(previousName.dropLast(strip)) + Array(data[cursor..<(cursor + nul)])
                name = String(decoding: previousName, as: UTF8.self)
                offset = cursor + nul + 1
            } else {
                guard let nul = UnsafeRawBufferPointer(rebasing: data[nameStart..<end]).firstIndex(of: 0) else {
                    return nil
                }
                name = String(
                    decoding: UnsafeRawBufferPointer(rebasing: data[nameStart..<(nameStart + nul)]), as: UTF8.self)
                // entries are padded with 1 to 8 NULs to a multiple of 8 bytes
                offset += ((nameStart - offset) + nul + 8) & ~7
            }
            entries[name] = Entry(objectID: objectID, mode: mode, stage: UInt8((flags >> 12) & 3), stat: stat)
        }
        // extensions: a split index ("link") holds entries elsewhere, a sparse one ("sdir") folds directories
        while offset + 8 <= end {
            let signature = String(
                decoding: UnsafeRawBufferPointer(rebasing: data[offset..<(offset + 4)]), as: UTF8.self)
            if signature == "link" || signature == "sdir" { return nil }
            offset += 8 + Int(word(offset + 4))
        }
        return entries
    }
}
