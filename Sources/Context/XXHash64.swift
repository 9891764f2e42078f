/// XXH64, a fast non-cryptographic 64-bit hash: used to notice content changes in a build context quickly.
public struct XXHash64: Sendable {
    static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
    private var total: UInt64 = 0
    private var tail: [UInt8] = []
    private let seed: UInt64

    public init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ Self.p1 &+ Self.p2
        v2 = seed &+ Self.p2
        v3 = seed
        v4 = seed &- Self.p1
    }

    @inline(__always) static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var acc = acc &+ input &* p2
        acc = (acc << 31) | (acc >> 33)
        return acc &* p1
    }

    @inline(__always) static func merge(_ acc: UInt64, _ value: UInt64) -> UInt64 {
        var acc = acc ^ round(0, value)
        acc = acc &* p1 &+ p4
        return acc
    }

    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        total &+= UInt64(buffer.count)
        var offset = 0
        if !tail.isEmpty {
            let need = 32 - tail.count
            let take = min(need, buffer.count)
            tail.append(contentsOf: buffer[0..<take])
            offset = take
            guard tail.count == 32 else { return }
            tail.withUnsafeBytes { consume($0, 0) }
            tail.removeAll(keepingCapacity: true)
        }
        while buffer.count - offset >= 32 {
            consume(buffer, offset)
            offset += 32
        }
        if offset < buffer.count { tail.append(contentsOf: buffer[offset...]) }
    }

    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    @inline(__always) private mutating func consume(_ buffer: UnsafeRawBufferPointer, _ offset: Int) {
        v1 = Self.round(v1, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
        v2 = Self.round(v2, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
        v3 = Self.round(v3, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self)))
        v4 = Self.round(v4, UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self)))
    }

    public func finalize() -> UInt64 {
        var h: UInt64
        if total >= 32 {
            h =
                ((v1 << 1) | (v1 >> 63)) &+ ((v2 << 7) | (v2 >> 57)) &+ ((v3 << 12) | (v3 >> 52))
                &+ ((v4 << 18) | (v4 >> 46))
            h = Self.merge(h, v1)
            h = Self.merge(h, v2)
            h = Self.merge(h, v3)
            h = Self.merge(h, v4)
        } else {
            h = seed &+ Self.p5
        }
        h = h &+ total
        var i = 0
        tail.withUnsafeBytes { t in
            while i + 8 <= t.count {
                let k = Self.round(0, UInt64(littleEndian: t.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
                h ^= k
                h = ((h << 27) | (h >> 37)) &* Self.p1 &+ Self.p4
                i += 8
            }
            if i + 4 <= t.count {
                h ^= UInt64(UInt32(littleEndian: t.loadUnaligned(fromByteOffset: i, as: UInt32.self))) &* Self.p1
                h = ((h << 23) | (h >> 41)) &* Self.p2 &+ Self.p3
                i += 4
            }
            while i < t.count {
                h ^= UInt64(t[i]) &* Self.p5
                h = ((h << 11) | (h >> 53)) &* Self.p1
                i += 1
            }
        }
        h ^= h >> 33
        h = h &* Self.p2
        h ^= h >> 29
        h = h &* Self.p3
        h ^= h >> 32
        return h
    }

    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        var hasher = XXHash64(seed: seed)
        hasher.update(bytes)
        return hasher.finalize()
    }
}
