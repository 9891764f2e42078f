import CDeflate

/// Gunzip of a whole layer held in memory, through libdeflate (several times faster than zlib's streaming
/// inflate). It takes only what it can take whole and exactly: one gzip member, whose trailer's size is the
/// true size, within the limits. Anything else (libdeflate missing, several members, trailing bytes, corrupt
/// data, a size past the limits) gives nil, and the layer is streamed through zlib, which names any error.
enum WholeGzip {
    /// Whether libdeflate could be loaded.
    static var isAvailable: Bool { gym_deflate_load() == nil }

    /// The size the gzip trailer declares (the uncompressed size modulo 2^32), when `compressed` can be a
    /// gzip member at all.
    static func declaredSize(_ compressed: [UInt8]) -> Int? {
        compressed.withUnsafeBytes { declaredSize($0) }
    }

    static func declaredSize(_ compressed: UnsafeRawBufferPointer) -> Int? {
        guard compressed.count >= 18, compressed[0] == 0x1F, compressed[1] == 0x8B else { return nil }
        let tail = compressed.count - 4
        return (0..<4).reduce(0) { $0 | Int(compressed[tail + $1]) << (8 * $1) }
    }

    /// The decompressed bytes of `compressed`, or nil (see the type). `maximumOutput` bounds the allocation;
    /// `maximumRatio` refuses what a decompression bomb would claim, as the streaming path does.
    static func gunzip(_ compressed: [UInt8], maximumOutput: Int, maximumRatio: Int) -> [UInt8]? {
        compressed.withUnsafeBytes { gunzip($0, maximumOutput: maximumOutput, maximumRatio: maximumRatio) }
    }

    /// `gunzip` of bytes wherever they are (a mapped file, say).
    static func gunzip(_ compressed: UnsafeRawBufferPointer, maximumOutput: Int, maximumRatio: Int) -> [UInt8]? {
        guard isAvailable, let size = declaredSize(compressed), size > 0, size <= maximumOutput,
            size <= max(64 << 20, compressed.count * maximumRatio)
        else { return nil }
        var inputUsed = 0
        var status: Int32 = -1
        // not zero-filled first: libdeflate writes every byte it reports, and only those are kept
        let output = [UInt8](unsafeUninitializedCapacity: size) { out, initialized in
            var outputUsed = 0
            status = gym_deflate_gunzip(
                compressed.baseAddress, compressed.count, out.baseAddress, out.count, &inputUsed, &outputUsed)
            initialized = status == 0 ? outputUsed : 0
        }
        // the whole input was one member and filled the buffer exactly: its CRC-32 and size were checked
        guard status == 0, inputUsed == compressed.count, output.count == size else { return nil }
        return output
    }
}
