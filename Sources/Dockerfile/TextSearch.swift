#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Substring search on Swift's own string storage: the UTF-8 bytes compared directly, where Foundation's
/// `range(of:)` and `contains(_:)` bridge every call through `NSString` (a measured share of `gym lint`'s
/// time). Byte for byte, as Foundation's literal search compares, with no normalisation.
extension StringProtocol {
    /// The first range of `other` in this text; nil when it does not occur (an empty `other` is at the start).
    public func utf8Range(of other: some StringProtocol) -> Range<String.Index>? {
        let found = Self.withBytes(of: self) { haystack in
            Self.withBytes(of: other) { needle in Self.offset(of: needle, in: haystack) }
        }
        guard let found else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: found)
        return start..<utf8.index(start, offsetBy: other.utf8.count)
    }

    /// `body` over the text's UTF-8 bytes: its own storage where it is contiguous (native strings), else a copy.
    static func withBytes<Result>(
        of text: some StringProtocol, _ body: (UnsafeBufferPointer<UInt8>) -> Result
    ) -> Result {
        text.utf8.withContiguousStorageIfAvailable(body) ?? Array(text.utf8).withUnsafeBufferPointer(body)
    }

    /// Where `needle`'s bytes first occur in `haystack`: `memchr` finds each candidate first byte (vectorised),
    /// `memcmp` compares the rest.
    static func offset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let first = needle.first else { return 0 }
        guard needle.count <= haystack.count, let base = haystack.baseAddress else { return nil }
        var start = 0
        while start + needle.count <= haystack.count {
            guard let hit = memchr(base + start, Int32(first), haystack.count - needle.count - start + 1) else {
                return nil
            }
            let index = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + index, needle.baseAddress!, needle.count) == 0 { return index }
            start = index + 1
        }
        return nil
    }

    /// Whether `other` occurs in this text.
    public func includes(_ other: some StringProtocol) -> Bool { utf8Range(of: other) != nil }
}

extension String {
    /// The text's lines as an editor numbers them: split at each `\n` (a final `\n` ends one more, empty,
    /// line), a `\r` before it dropped. Splits the UTF-8 bytes with `memchr`, not the characters.
    public var editorLines: [String] {
        var copy = self
        return copy.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return [""] }
            var lines: [String] = []
            var start = 0
            while true {
                let rest = bytes.count - start
                let hit = rest > 0 ? memchr(base + start, 0x0A, rest) : nil
                let end = hit.map { base.distance(to: $0.assumingMemoryBound(to: UInt8.self)) } ?? bytes.count
                var last = end
                if last > start, bytes[last - 1] == 0x0D { last -= 1 }
                lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<last]), as: UTF8.self))
                guard hit != nil else { return lines }
                start = end + 1
            }
        }
    }
}
