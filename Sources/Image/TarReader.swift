import Context

/// A streaming tar reader: ustar, GNU (long names, base-256 sizes) and PAX headers, links, devices.
/// Hostile input gives a clear error: it never allocates by a size the input declares (beyond small fixed
/// limits for metadata), refuses paths and hard links that leave the root, and stops on truncation.
struct TarReader<Source: ByteSource> {
    var source: Source
    let context: String
    private var pendingContent: Int64 = 0
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var buffered = 0
    private var position = 0
    private var ended = false

    static var maximumMetadataBytes: Int64 { 1 << 20 }

    init(_ source: Source, context: String) {
        self.source = source
        self.context = context
        // when content can be skipped by seeking, read just the headers: 512 bytes at a time
        if source.canSeek { buffer = [UInt8](repeating: 0, count: 512) }
    }

    /// Fills `count` bytes into `out` exactly, or throws on truncation.
    private mutating func readExactly(_ count: Int, into out: inout [UInt8]) throws(ImageError) {
        out.removeAll(keepingCapacity: true)
        while out.count < count {
            if position == buffered {
                try fill()
                if buffered == 0 {
                    throw .badTar(context: context, reason: "truncated: wanted \(count) bytes, got \(out.count)")
                }
            }
            let take = min(count - out.count, buffered - position)
            out.append(contentsOf: buffer[position..<(position + take)])
            position += take
        }
    }

    private mutating func fill() throws(ImageError) {
        var local = buffer
        let n = try withBytes(&local) { (raw: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in
            try source.read(into: raw)
        }
        buffer = local
        buffered = n
        position = 0
    }

    /// Skips `count` bytes, or throws on truncation.
    private mutating func skip(_ count: Int64) throws(ImageError) {
        // what is buffered first, then the source skips the rest (a file seeks; a digest or decompressor reads)
        let fromBuffer = Int(min(count, Int64(buffered - position)))
        position += fromBuffer
        var left = count - Int64(fromBuffer)
        guard left > 0 else { return }
        left -= try source.skip(left)
        if left > 0 { throw .badTar(context: context, reason: "truncated: \(left) bytes of content missing") }
    }

    static func padded(_ size: Int64) -> Int64 { (size + 511) / 512 * 512 }

    /// The next entry, or nil at the end of the archive.
    mutating func next() throws(ImageError) -> TarEntry? {
        if ended { return nil }
        try skip(Self.padded(pendingContent))
        pendingContent = 0
        var longName: String? = nil
        var longLink: String? = nil
        var pax: [String: String] = [:]
        var header: [UInt8] = []
        while true {
            if position == buffered {
                try fill()
                if buffered == 0 {
                    ended = true
                    return nil  // a tar without end-of-archive blocks
                }
            }
            try readExactly(512, into: &header)
            if header.allSatisfy({ $0 == 0 }) {
                ended = true
                return nil
            }
            guard Self.checksumMatches(header) else {
                throw .badTar(context: context, reason: "header checksum mismatch (not a tar, or corrupt)")
            }
            let type = header[156]
            let size = try Self.number(header[124..<136], field: "size", context: context)
            guard size >= 0 else { throw .badTar(context: context, reason: "negative size") }
            switch type {
            case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
                guard size <= Self.maximumMetadataBytes else {
                    throw .badTar(
                        context: context,
                        reason: "metadata header of \(size) bytes exceeds \(Self.maximumMetadataBytes)")
                }
                var data: [UInt8] = []
                try readExactly(Int(size), into: &data)
                try skip(Self.padded(size) - size)
                if type == UInt8(ascii: "L") { longName = Self.cString(data[...]) }
                if type == UInt8(ascii: "K") { longLink = Self.cString(data[...]) }
                if type == UInt8(ascii: "x") { pax.merge(try Self.paxRecords(data, context: context)) { $1 } }
                continue
            default:
                break
            }
            var name = Self.cString(header[0..<100])
            let prefix = Self.cString(header[345..<500])
            if header[257..<262].elementsEqual("ustar".utf8), !prefix.isEmpty { name = prefix + "/" + name }
            if let longName { name = longName }
            if let path = pax["path"] { name = path }
            var link = Self.cString(header[157..<257])
            if let longLink { link = longLink }
            if let linkpath = pax["linkpath"] { link = linkpath }
            var declared = size
            if let paxSize = pax["size"] {
                guard let value = Int64(paxSize), value >= 0 else {
                    throw .badTar(context: context, reason: "bad PAX size \(paxSize)")
                }
                declared = value
            }
            let mode =
                UInt32(truncatingIfNeeded: (try? Self.number(header[100..<108], field: "mode", context: context)) ?? 0)
                & 0o7777
            let kind: TarEntry.Kind
            switch type {
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"): kind = .file
            case UInt8(ascii: "1"): kind = .hardLink
            case UInt8(ascii: "2"): kind = .symlink
            case UInt8(ascii: "3"): kind = .characterDevice
            case UInt8(ascii: "4"): kind = .blockDevice
            case UInt8(ascii: "5"): kind = .directory
            case UInt8(ascii: "6"): kind = .fifo
            default: kind = .other(type)
            }
            pendingContent = (kind == .file || kind == .other(type)) ? declared : (kind == .hardLink ? declared : 0)
            let path = try Self.normalize(name, context: context)
            if kind == .hardLink {
                link = try Self.normalize(link, context: context + " (hard link \(name))")
            }
            return TarEntry(path: path, kind: kind, size: kind == .file ? declared : 0, mode: mode, linkName: link)
        }
    }

    /// `./a//b/` → `a/b`; refuses absolute paths and `..` that leaves the root.
    static func normalize(_ raw: String, context: String) throws(ImageError) -> String {
        if raw.hasPrefix("/") { throw .badTar(context: context, reason: "absolute path \(raw.debugDescription)") }
        // fast path: already clean (no "." or ".." components, no "//"), at most a trailing "/" or leading "./"
        var body = Substring(raw)
        if body.hasPrefix("./") { body = body.dropFirst(2) }
        if body.hasSuffix("/") { body = body.dropLast() }
        var clean = !body.isEmpty
        var previous: UInt8 = UInt8(ascii: "/")
        var dots = 0
        for byte in body.utf8 {
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") || (dots > 0 && dots <= 2) { clean = false; break }
                dots = 0
            } else if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") || dots > 0 {
                dots += 1
            } else {
                dots = -1
            }
            previous = byte
        }
        if clean && !(dots > 0 && dots <= 2) { return String(body) }
        var parts: [Substring] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else {
                    throw .badTar(context: context, reason: "path \(raw.debugDescription) leaves the root")
                }
                parts.removeLast()
                continue
            }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    static func cString(_ bytes: ArraySlice<UInt8>) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// An octal field, or GNU base-256 when the high bit is set.
    static func number(_ field: ArraySlice<UInt8>, field name: String, context: String) throws(ImageError) -> Int64 {
        if let first = field.first, first & 0x80 != 0 {
            var value: Int64 = Int64(first & 0x7F)
            for byte in field.dropFirst() {
                guard value < (Int64.max >> 8) else {
                    throw .badTar(context: context, reason: "\(name) field overflows")
                }
                value = value << 8 | Int64(byte)
            }
            return value
        }
        var value: Int64 = 0
        var seen = false
        for byte in field {
            if byte == 0 || byte == 0x20 {
                if seen { break } else { continue }
            }
            guard byte >= 0x30 && byte <= 0x37 else {
                throw .badTar(context: context, reason: "bad octal in \(name) field")
            }
            guard value < (Int64.max >> 3) else { throw .badTar(context: context, reason: "\(name) field overflows") }
            value = value * 8 + Int64(byte - 0x30)
            seen = true
        }
        return value
    }

    static func checksumMatches(_ header: [UInt8]) -> Bool {
        guard let stored = try? number(header[148..<156], field: "checksum", context: "") else { return false }
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (i, byte) in header.enumerated() {
            let value = (148..<156).contains(i) ? 0x20 : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        return stored == unsigned || stored == signed
    }

    /// `"%d key=value\n"` records.
    static func paxRecords(_ data: [UInt8], context: String) throws(ImageError) -> [String: String] {
        var records: [String: String] = [:]
        var i = 0
        while i < data.count {
            var j = i
            while j < data.count, data[j] != 0x20 { j += 1 }
            guard j < data.count, let length = Int(String(decoding: data[i..<j], as: UTF8.self)), length > 0,
                i + length <= data.count
            else { throw .badTar(context: context, reason: "malformed PAX record") }
            let record = data[(j + 1)..<(i + length - 1)]
            if let eq = record.firstIndex(of: UInt8(ascii: "=")) {
                records[String(decoding: record[record.startIndex..<eq], as: UTF8.self)] =
                    String(decoding: record[(eq + 1)...], as: UTF8.self)
            }
            i += length
        }
        return records
    }
}
