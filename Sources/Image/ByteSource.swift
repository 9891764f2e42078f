import Base
import CGymZlib
import CZstd
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A forward-only stream of bytes.
protocol ByteSource {
    /// Reads up to `buffer.count` bytes; 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int
    /// Skips up to `count` bytes; returns how many were skipped (fewer only at the end).
    mutating func skip(_ count: Int64) throws(ImageError) -> Int64
    /// Whether skipping is a seek (nothing needs to see the skipped bytes).
    var canSeek: Bool { get }
}

extension ByteSource {
    /// Skipping by reading, for sources that must see every byte (digests, decompression).
    mutating func skipByReading(_ count: Int64) throws(ImageError) -> Int64 {
        var scratch = [UInt8](repeating: 0, count: Int(min(count, 1 << 16)))
        var skipped: Int64 = 0
        while skipped < count {
            let want = Int(min(Int64(scratch.count), count - skipped))
            let n = try withBytes(&scratch) { (raw: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in
                try read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]))
            }
            if n == 0 { break }
            skipped += Int64(n)
        }
        return skipped
    }

    mutating func skip(_ count: Int64) throws(ImageError) -> Int64 { try skipByReading(count) }
    var canSeek: Bool { false }
}

/// A byte range of a file, read with pread (several sources may share one descriptor).
struct FileRangeSource: ByteSource {
    let fd: Int32
    var offset: Int64
    var remaining: Int64

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        guard remaining > 0 else { return 0 }
        let want = Int(min(Int64(buffer.count), remaining))
        let n = pread(fd, buffer.baseAddress, want, off_t(offset))
        guard n > 0 else {
            throw .io(path: "fd \(fd)", reason: n == 0 ? "unexpected end of file" : "read failed (errno \(errno))")
        }
        offset += Int64(n)
        remaining -= Int64(n)
        return n
    }

    var canSeek: Bool { true }

    /// Seeks: nothing is read.
    mutating func skip(_ count: Int64) throws(ImageError) -> Int64 {
        let n = min(count, remaining)
        offset += n
        remaining -= n
        return n
    }

    /// Everything left, in one buffer (not zero-filled first: every byte is read into it, or it throws).
    mutating func readAll() throws(ImageError) -> [UInt8] {
        let count = Int(remaining)
        var failure: ImageError? = nil
        var source = self
        let all = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            var filled = 0
            while filled < count {
                do throws(ImageError) {
                    filled += try source.read(
                        into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[filled...])))
                } catch {
                    failure = error
                    break
                }
            }
            initialized = failure == nil ? count : 0
        }
        if let failure { throw failure }
        self = source
        return all
    }
}

/// A byte range of a file mapped read-only into memory (its pages read in at once), unmapped when released:
/// a blob read whole without copying it. Only for files nothing truncates meanwhile (the blob store's own,
/// whose blobs are never rewritten): reading a mapped page past a new end would stop the process.
final class MappedFileRange {
    let bytes: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer
    private let mappedLength: Int

    /// Maps `length` bytes at `offset` of the open file `fd`; nil when the system will not map them.
    init?(fd: Int32, offset: Int64, length: Int64) {
        let page = Int64(sysconf(Int32(_SC_PAGESIZE)))
        guard length > 0, page > 0 else { return nil }
        let aligned = offset - offset % page
        let lead = Int(offset - aligned)
        let total = lead + Int(length)
        guard let mapped = mmap(nil, total, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, off_t(aligned)),
            mapped != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        base = mapped
        mappedLength = total
        bytes = UnsafeRawBufferPointer(start: mapped + lead, count: Int(length))
    }

    deinit { munmap(base, mappedLength) }
}

/// Hashes everything read through it with SHA-256 (blob and diff-id verification).
struct DigestingSource<Inner: ByteSource>: ByteSource {
    var inner: Inner
    var hasher = SHA256()
    var count: Int64 = 0
    /// When false the bytes pass through unhashed.
    let enabled: Bool

    init(_ inner: Inner, enabled: Bool = true) {
        self.inner = inner
        self.enabled = enabled
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let n = try inner.read(into: buffer)
        if n > 0, enabled {
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            count += Int64(n)
        }
        return n
    }

    mutating func skip(_ count: Int64) throws(ImageError) -> Int64 {
        enabled ? try skipByReading(count) : try inner.skip(count)
    }

    var canSeek: Bool { !enabled && inner.canSeek }

    mutating func digest() -> String {
        "sha256:" + hasher.finalizeHex()
    }
}

/// Layer compression, from the media type or the first bytes.
enum Compression: String, Sendable {
    case none, gzip, zstd

    static func detect(_ head: [UInt8]) -> Compression {
        if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B { return .gzip }
        if head.count >= 4, head[0] == 0x28, head[1] == 0xB5, head[2] == 0x2F, head[3] == 0xFD { return .zstd }
        return .none
    }
}

/// Streams a decompressed layer, refusing decompression bombs: more output than `maximumOutput`, or (zstd can
/// go far beyond gzip's 1032:1 ceiling) more than 10,000 times the input once past 64 MiB. Nothing is ever
/// allocated by the size a stream claims.
struct DecompressingSource<Inner: ByteSource>: ByteSource {
    var inner: Inner
    let kind: Compression
    let layer: String
    var maximumOutput: Int64 = 64 << 30
    static var maximumRatio: Int64 { 10_000 }

    private var input = [UInt8](repeating: 0, count: 1 << 16)
    private var inputStart = 0
    private var inputEnd = 0
    private var innerDone = false
    private var finished = false
    private var consumed: Int64 = 0
    private var produced: Int64 = 0
    /// On the heap: zlib keeps a pointer back to its stream and refuses one that moved.
    private var zlib: UnsafeMutablePointer<z_stream> = .allocate(capacity: 1)
    private var zstd: UnsafeMutableRawPointer? = nil

    init(_ inner: Inner, kind: Compression, layer: String) throws(ImageError) {
        self.inner = inner
        self.kind = kind
        self.layer = layer
        switch kind {
        case .gzip:
            zlib.initialize(to: z_stream())
            let status = inflateInit2_(zlib, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else { throw .decompression(layer: layer, reason: "zlib init failed (\(status))") }
        case .zstd:
            if let missing = gym_zstd_load() { throw .decompression(layer: layer, reason: String(cString: missing)) }
            zstd = gym_zstd_create()
            guard zstd != nil else { throw .decompression(layer: layer, reason: "zstd init failed") }
        case .none:
            break
        }
    }

    mutating func release() {
        switch kind {
        case .gzip:
            inflateEnd(zlib)
            zlib.deallocate()
        case .zstd: gym_zstd_free(zstd)
        case .none: break
        }
    }

    private mutating func refill() throws(ImageError) {
        if inputStart < inputEnd || innerDone { return }
        var localInput = input
        let n = try withBytes(&localInput) { (raw: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in
            try inner.read(into: raw)
        }
        input = localInput
        inputStart = 0
        inputEnd = n
        consumed += Int64(n)
        if n == 0 { innerDone = true }
    }

    mutating func skip(_ count: Int64) throws(ImageError) -> Int64 {
        kind == .none ? try inner.skip(count) : try skipByReading(count)
    }

    var canSeek: Bool { kind == .none && inner.canSeek }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        if kind == .none { return try inner.read(into: buffer) }
        if finished { return 0 }
        while true {
            try refill()
            var written = 0
            var ended = false
            switch kind {
            case .gzip:
                let status: Int32 = input.withUnsafeMutableBytes { raw in
                    zlib.pointee.next_in = raw.baseAddress!.advanced(by: inputStart).assumingMemoryBound(to: Bytef.self)
                    zlib.pointee.avail_in = uInt(inputEnd - inputStart)
                    zlib.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
                    zlib.pointee.avail_out = uInt(buffer.count)
                    let status = inflate(zlib, Z_NO_FLUSH)
                    inputStart = inputEnd - Int(zlib.pointee.avail_in)
                    written = buffer.count - Int(zlib.pointee.avail_out)
                    return status
                }
                if status == Z_STREAM_END {
                    // concatenated gzip members: start again only if more input follows
                    if inputStart == inputEnd { try refill() }
                    if inputStart < inputEnd {
                        inflateReset(zlib)
                    } else {
                        ended = true
                    }
                } else if status != Z_OK && status != Z_BUF_ERROR {
                    throw .decompression(layer: layer, reason: "corrupt gzip data (zlib status \(status))")
                } else if status == Z_BUF_ERROR && innerDone && written == 0 {
                    throw .decompression(layer: layer, reason: "truncated gzip stream")
                }
            case .zstd:
                var inBuffer = gym_zstd_in_buffer(src: nil, size: 0, pos: 0)
                var outBuffer = gym_zstd_out_buffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
                let result: Int = input.withUnsafeBytes { raw in
                    inBuffer = gym_zstd_in_buffer(
                        src: raw.baseAddress!.advanced(by: inputStart), size: inputEnd - inputStart, pos: 0)
                    let r = gym_zstd_decompress(zstd, &outBuffer, &inBuffer)
                    inputStart += inBuffer.pos
                    return r
                }
                if gym_zstd_is_error(result) != 0 {
                    throw .decompression(layer: layer, reason: String(cString: gym_zstd_error_name(result)))
                }
                written = outBuffer.pos
                if result == 0 && written < buffer.count {
                    // a frame ended: the stream ends too unless another frame follows
                    if inputStart == inputEnd { try refill() }
                    if inputStart == inputEnd { ended = true }
                } else if innerDone && inputStart == inputEnd && written == 0 {
                    throw .decompression(layer: layer, reason: "truncated zstd stream")
                }
            case .none:
                break
            }
            produced += Int64(written)
            if produced > maximumOutput {
                throw .decompression(
                    layer: layer,
                    reason: "decompresses to more than \(maximumOutput) bytes: refusing a decompression bomb")
            }
            if produced > 64 << 20 && produced > consumed * Self.maximumRatio {
                throw .decompression(
                    layer: layer,
                    reason:
                        "expands more than \(Self.maximumRatio)x (\(produced) bytes from \(consumed)): refusing a decompression bomb"
                )
            }
            if ended { finished = true }
            if written > 0 || ended { return written }
            if innerDone && inputStart == inputEnd {
                if kind == .gzip { throw .decompression(layer: layer, reason: "truncated gzip stream") }
                return 0
            }
        }
    }
}

/// `withUnsafeMutableBytes` for a body that throws `ImageError` (the standard one is untyped `rethrows`).
func withBytes<R>(
    _ array: inout [UInt8], _ body: (UnsafeMutableRawBufferPointer) throws(ImageError) -> R
) throws(ImageError) -> R {
    var result: Result<R, ImageError>? = nil
    array.withUnsafeMutableBytes { raw in
        result = Result { () throws(ImageError) -> R in try body(raw) }
    }
    return try result!.get()
}
