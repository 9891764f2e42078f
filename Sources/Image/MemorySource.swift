/// Bytes already in memory, read as a stream (a layer gunzipped whole; the tar reader's tests and its fuzzer
/// feed it this way). Skipping moves the position: nothing is copied.
struct MemorySource: ByteSource {
    var data: [UInt8]
    var position = 0

    init(_ data: [UInt8]) { self.data = data }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let n = min(buffer.count, data.count - position)
        if n > 0 { buffer.copyBytes(from: data[position..<(position + n)]) }
        position += n
        return n
    }

    mutating func skip(_ count: Int64) throws(ImageError) -> Int64 {
        let n = Int(min(count, Int64(data.count - position)))
        position += n
        return Int64(n)
    }

    var canSeek: Bool { true }
}
