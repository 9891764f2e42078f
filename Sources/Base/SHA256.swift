import Crypto

/// SHA-256, streaming, computed by swift-crypto (BoringSSL's assembly, with the CPU's SHA extensions where
/// it has them). Used for blob and diff-id verification, Dockerfile digests and context digests.
///
/// `@unchecked`: swift-crypto's hash functions are value types (copies hash on independently) that its 3.x
/// releases do not yet mark `Sendable`.
public struct SHA256: @unchecked Sendable {
    private var hasher = Crypto.SHA256()

    public init() {}

    public mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if bytes.withContiguousStorageIfAvailable({ update(UnsafeRawBufferPointer($0)) }) != nil { return }
        update(Array(bytes))
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty else { return }
        hasher.update(bufferPointer: bytes)
    }

    /// The 32-byte digest.
    public func finalize() -> [UInt8] {
        Array(hasher.finalize())
    }

    /// The digest in lower-case hex.
    public func finalizeHex() -> String {
        Hex.string(hasher.finalize())
    }

    /// The hex digest of `bytes`.
    public static func hex<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeHex()
    }
}

/// Lower-case hex of digest bytes.
public enum Hex {
    public static func string<D: Sequence>(_ bytes: D) -> String where D.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
