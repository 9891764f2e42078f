/// One 512-byte tar header block decoded: the field layout ustar, GNU and PAX archives share, and the helpers
/// for the numbers, names and PAX records in it.
struct TarHeader {
    /// The type flag (`0` file, `5` directory, `x` PAX, `L` GNU long name, ...).
    var type: UInt8
    /// The size field (octal, or GNU base-256).
    var size: Int64
    var mode: UInt32
    /// The name field, joined with the ustar prefix field.
    var name: String
    var linkName: String

    static var blockSize: Int { 512 }
    static var maximumMetadataBytes: Int64 { 1 << 20 }

    /// Decodes `block` (512 bytes), checking its checksum.
    init(_ block: UnsafeRawBufferPointer, context: String) throws(ImageError) {
        guard Self.checksumMatches(block) else {
            throw .badTar(context: context, reason: "header checksum mismatch (not a tar, or corrupt)")
        }
        type = block[156]
        size = try Self.number(block[124..<136], field: "size", context: context)
        guard size >= 0 else { throw .badTar(context: context, reason: "negative size") }
        mode =
            UInt32(truncatingIfNeeded: (try? Self.number(block[100..<108], field: "mode", context: context)) ?? 0)
            & 0o7777
        name = Self.cString(block[0..<100])
        if block[257] != 0, block[257..<262].elementsEqual("ustar".utf8), block[345] != 0 {
            name = Self.cString(block[345..<500]) + "/" + name
        }
        linkName = block[157] == 0 ? "" : Self.cString(block[157..<257])
    }

    static func isZeroBlock(_ block: UnsafeRawBufferPointer) -> Bool {
        block.allSatisfy { $0 == 0 }
    }

    static func padded(_ size: Int64) -> Int64 { (size + 511) / 512 * 512 }

    /// The checksum field against the sum of the block's bytes (the field itself counted as spaces), unsigned
    /// as POSIX says or signed as some old tars wrote it.
    static func checksumMatches(_ block: UnsafeRawBufferPointer) -> Bool {
        guard block.count == 512, let stored = try? number(block[148..<156], field: "checksum", context: "") else {
            return false
        }
        var unsigned: UInt32 = 0
        var high: UInt32 = 0
        for byte in block {
            unsigned &+= UInt32(byte)
            high &+= UInt32(byte >> 7)
        }
        var field: UInt32 = 0
        var fieldHigh: UInt32 = 0
        for byte in block[148..<156] {
            field += UInt32(byte)
            fieldHigh += UInt32(byte >> 7)
        }
        // the field itself counts as eight spaces; a signed sum counts each byte >= 0x80 as 256 less
        let sum = Int64(unsigned - field + 8 * 0x20)
        let signed = sum - 256 * Int64(high - fieldHigh)
        return stored == sum || stored == signed
    }

    /// An octal field, or GNU base-256 when the high bit is set.
    static func number<Bytes: Collection<UInt8>>(
        _ field: Bytes, field name: String, context: String
    ) throws(ImageError) -> Int64 {
        if let first = field.first, first & 0x80 != 0 {
            var value = Int64(first & 0x7F)
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

    /// The bytes up to the first NUL, as UTF-8.
    static func cString<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let end = bytes.firstIndex(of: 0) ?? bytes.endIndex
        return String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
    }

    /// `"%d key=value\n"` records.
    static func paxRecords(_ data: [UInt8], context: String) throws(ImageError) -> [String: String] {
        var records: [String: String] = [:]
        var i = 0
        while i < data.count {
            var j = i
            while j < data.count, data[j] != 0x20 { j += 1 }
            // the length counts the whole record, its own digits, the space and the closing newline included
            guard j < data.count, let length = Int(String(decoding: data[i..<j], as: UTF8.self)), length > j - i + 1,
                i + length <= data.count, data[i + length - 1] == 0x0A
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

    /// `./a//b/` → `a/b`; refuses absolute paths and `..` that leaves the root.
    static func normalize(_ raw: String, context: String) throws(ImageError) -> String {
        if raw.utf8.first == UInt8(ascii: "/") {
            throw .badTar(context: context, reason: "absolute path \(raw.debugDescription)")
        }
        // fast path: already clean (no "." or ".." components, no "//"), at most a trailing "/" or leading "./"
        var utf8 = Substring(raw).utf8
        if utf8.starts(with: "./".utf8) { utf8 = utf8.dropFirst(2) }
        if utf8.last == UInt8(ascii: "/") { utf8 = utf8.dropLast() }
        var clean = !utf8.isEmpty
        var previous = UInt8(ascii: "/")
        var dots = 0
        for byte in utf8 {
            if byte == UInt8(ascii: "/") {
                if previous == UInt8(ascii: "/") || (dots > 0 && dots <= 2) {
                    clean = false
                    break
                }
                dots = 0
            } else if byte == UInt8(ascii: "."), previous == UInt8(ascii: "/") || dots > 0 {
                dots += 1
            } else {
                dots = -1
            }
            previous = byte
        }
        if clean && !(dots > 0 && dots <= 2) {
            return utf8.count == raw.utf8.count ? raw : String(Substring(utf8))
        }
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
}
