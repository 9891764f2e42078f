import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The entries of a tar file on disk with their content offsets, so blobs can be read in place (docker-archive
/// and OCI tars) without extracting anything. Immutable once built: layers are read from several threads.
final class ArchiveIndex: @unchecked Sendable {
    struct Item {
        var offset: Int64
        var size: Int64
        var kind: TarEntry.Kind
        var linkName: String
    }

    let path: String
    let fd: Int32
    private(set) var items: [String: Item] = [:]

    init(path: String) throws(ImageError) {
        self.path = path
        fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .io(path: path, reason: "cannot open (errno \(errno))") }
        var info = stat()
        fstat(fd, &info)
        let fileSize = Int64(info.st_size)
        var offset: Int64 = 0
        var header = [UInt8](repeating: 0, count: 512)
        var longName: String? = nil
        var longLink: String? = nil
        var pax: [String: String] = [:]
        while offset + 512 <= fileSize {
            let n = header.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 512, off_t(offset)) }
            guard n == 512 else { throw .badTar(context: path, reason: "truncated header at \(offset)") }
            if header.allSatisfy({ $0 == 0 }) { break }
            guard header.withUnsafeBytes({ TarHeader.checksumMatches($0) }) else {
                throw .unrecognized(path: path, reason: "not a tar archive (header checksum mismatch at \(offset))")
            }
            let size = try TarHeader.number(header[124..<136], field: "size", context: path)
            let type = header[156]
            let contentOffset = offset + 512
            guard contentOffset + size <= fileSize else {
                throw .badTar(
                    context: path, reason: "truncated: entry at \(offset) declares \(size) bytes past the end")
            }
            offset = contentOffset + TarHeader.padded(size)
            if [UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x")].contains(type) {
                guard size <= TarHeader.maximumMetadataBytes else {
                    throw .badTar(context: path, reason: "metadata header too large")
                }
                var data = [UInt8](repeating: 0, count: Int(size))
                _ = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(size), off_t(contentOffset)) }
                if type == UInt8(ascii: "L") { longName = TarHeader.cString(data[...]) }
                if type == UInt8(ascii: "K") { longLink = TarHeader.cString(data[...]) }
                if type == UInt8(ascii: "x") { pax = try TarHeader.paxRecords(data, context: path) }
                continue
            }
            var name = TarHeader.cString(header[0..<100])
            let prefix = TarHeader.cString(header[345..<500])
            if header[257..<262].elementsEqual("ustar".utf8), !prefix.isEmpty { name = prefix + "/" + name }
            if let longName { name = longName }
            if let p = pax["path"] { name = p }
            var link = TarHeader.cString(header[157..<257])
            if let longLink { link = longLink }
            if let l = pax["linkpath"] { link = l }
            longName = nil
            longLink = nil
            pax = [:]
            let kind: TarEntry.Kind =
                switch type {
                case UInt8(ascii: "1"): .hardLink
                case UInt8(ascii: "2"): .symlink
                case UInt8(ascii: "5"): .directory
                default: .file
                }
            let normalized = (try? TarHeader.normalize(name, context: path)) ?? name
            items[normalized] = Item(offset: contentOffset, size: size, kind: kind, linkName: link)
        }
    }

    deinit { close(fd) }

    /// The entry at `path`, following symlinks and hard links inside the archive (legacy docker-archive stores
    /// a repeated layer as a link to the first copy).
    func item(_ path: String) -> Item? {
        var current = path
        for _ in 0..<8 {
            guard let item = items[current] else { return nil }
            switch item.kind {
            case .symlink:
                let base = (current as NSString).deletingLastPathComponent
                let target =
                    item.linkName.hasPrefix("/")
                    ? String(item.linkName.dropFirst()) : (base.isEmpty ? item.linkName : base + "/" + item.linkName)
                current = (try? TarHeader.normalize(target, context: path)) ?? target
            case .hardLink:
                current = item.linkName
            default:
                return item
            }
        }
        return nil
    }

    /// The bytes of a small entry (JSON metadata).
    func contents(_ path: String, limit: Int64 = 64 << 20) throws(ImageError) -> [UInt8] {
        guard let item = item(path) else { throw .metadata(file: path, reason: "missing from \(self.path)") }
        guard item.size <= limit else { throw .metadata(file: path, reason: "too large (\(item.size) bytes)") }
        var data = [UInt8](repeating: 0, count: Int(item.size))
        let n = data.withUnsafeMutableBytes { pread(fd, $0.baseAddress, Int(item.size), off_t(item.offset)) }
        guard n == item.size else { throw .io(path: self.path, reason: "short read") }
        return data
    }

    func source(_ path: String) throws(ImageError) -> FileRangeSource {
        guard let item = item(path) else { throw .metadata(file: path, reason: "missing from \(self.path)") }
        return FileRangeSource(fd: fd, offset: item.offset, remaining: item.size)
    }
}
