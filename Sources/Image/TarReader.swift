/// A streaming tar reader: ustar, GNU (long names, base-256 sizes) and PAX headers, links, devices.
/// Hostile input gives a clear error: it never allocates by a size the input declares (beyond small fixed
/// limits for metadata), refuses paths and hard links that leave the root, and stops on truncation.
struct TarReader<Source: ByteSource> {
    var source: Source
    let context: String
    private var pendingContent: Int64 = 0
    private var buffer: [UInt8]
    private var buffered = 0
    private var position = 0
    private var ended = false

    init(_ source: Source, context: String) {
        self.source = source
        self.context = context
        // when content can be skipped by seeking, a small buffer: it holds the headers of small files that sit
        // next to each other, and seeking past a large file wastes little of it
        buffer = [UInt8](repeating: 0, count: source.canSeek ? 8 << 10 : 64 << 10)
    }

    /// Makes `count` contiguous bytes available at `position`: false when the stream ends cleanly first (nothing
    /// left), an error when it ends part way.
    private mutating func ensure(_ count: Int) throws(ImageError) -> Bool {
        if buffered - position >= count { return true }
        if position > 0 {
            let left = buffered - position
            buffer.withUnsafeMutableBytes { raw in
                raw.baseAddress!.copyMemory(from: raw.baseAddress!.advanced(by: position), byteCount: left)
            }
            buffered = left
            position = 0
        }
        while buffered < count {
            var storage: [UInt8] = []
            swap(&storage, &buffer)
            let start = buffered
            let result = Result { () throws(ImageError) -> Int in
                try withBytes(&storage) { (raw: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]))
                }
            }
            swap(&storage, &buffer)
            let n = try result.get()
            if n == 0 {
                if buffered == 0 { return false }
                throw .badTar(context: context, reason: "truncated: wanted \(count) bytes, got \(buffered)")
            }
            buffered += n
        }
        return true
    }

    /// Reads `count` bytes (at most ``TarHeader/maximumMetadataBytes``), or throws on truncation.
    private mutating func read(_ count: Int) throws(ImageError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count)
        while out.count < count {
            guard try ensure(1) else {
                throw .badTar(context: context, reason: "truncated: wanted \(count) bytes, got \(out.count)")
            }
            let take = min(count - out.count, buffered - position)
            out.append(contentsOf: buffer[position..<(position + take)])
            position += take
        }
        return out
    }

    /// Skips `count` bytes, or throws on truncation.
    private mutating func skip(_ count: Int64) throws(ImageError) {
        // what is buffered first, then the source skips the rest (a file seeks; a digest or decompressor reads)
        let fromBuffer = Int(min(count, Int64(buffered - position)))
        position += fromBuffer
        let left = count - Int64(fromBuffer)
        guard left > 0 else { return }
        position = 0
        buffered = 0
        let skipped = try source.skip(left)
        if skipped < left {
            throw .badTar(context: context, reason: "truncated: \(left - skipped) bytes of content missing")
        }
    }

    /// The content of the entry `next()` just returned, when it is at most `limit` bytes (nil otherwise, and
    /// the content is skipped as usual).
    mutating func content(limit: Int64) throws(ImageError) -> [UInt8]? {
        guard pendingContent <= limit else { return nil }
        let data = try read(Int(pendingContent))
        try skip(TarHeader.padded(pendingContent) - pendingContent)
        pendingContent = 0
        return data
    }

    /// The next entry, or nil at the end of the archive.
    mutating func next() throws(ImageError) -> TarEntry? {
        if ended { return nil }
        try skip(TarHeader.padded(pendingContent))
        pendingContent = 0
        var longName: String? = nil
        var longLink: String? = nil
        var pax: [String: String] = [:]
        while true {
            guard try ensure(TarHeader.blockSize) else {
                ended = true
                return nil  // a tar without end-of-archive blocks
            }
            let start = position
            let context = context
            func decode(_ raw: UnsafeRawBufferPointer) -> Result<TarHeader?, ImageError> {
                let block = UnsafeRawBufferPointer(rebasing: raw[start..<(start + TarHeader.blockSize)])
                if TarHeader.isZeroBlock(block) { return .success(nil) }
                return Result { () throws(ImageError) -> TarHeader? in try TarHeader(block, context: context) }
            }
            let decoded = buffer.withUnsafeBytes(decode)
            position += TarHeader.blockSize
            guard let header = try decoded.get() else {
                ended = true
                return nil
            }
            let type = header.type
            switch type {
            case UInt8(ascii: "L"), UInt8(ascii: "K"), UInt8(ascii: "x"), UInt8(ascii: "g"):
                guard header.size <= TarHeader.maximumMetadataBytes else {
                    throw .badTar(
                        context: context,
                        reason: "metadata header of \(header.size) bytes exceeds \(TarHeader.maximumMetadataBytes)")
                }
                let data = try read(Int(header.size))
                try skip(TarHeader.padded(header.size) - header.size)
                if type == UInt8(ascii: "L") { longName = TarHeader.cString(data) }
                if type == UInt8(ascii: "K") { longLink = TarHeader.cString(data) }
                if type == UInt8(ascii: "x") { pax.merge(try TarHeader.paxRecords(data, context: context)) { $1 } }
                continue
            default:
                break
            }
            var name = header.name
            if let longName { name = longName }
            if let path = pax["path"] { name = path }
            var link = header.linkName
            if let longLink { link = longLink }
            if let linkpath = pax["linkpath"] { link = linkpath }
            var declared = header.size
            if let paxSize = pax["size"] {
                guard let value = Int64(paxSize), value >= 0 else {
                    throw .badTar(context: context, reason: "bad PAX size \(paxSize)")
                }
                declared = value
            }
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
            let path = try TarHeader.normalize(name, context: context)
            if kind == .hardLink {
                link = try TarHeader.normalize(link, context: context + " (hard link \(name))")
            }
            return TarEntry(
                path: path, kind: kind, size: kind == .file ? declared : 0, mode: header.mode, linkName: link)
        }
    }
}
