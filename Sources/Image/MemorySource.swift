/// Bytes already in memory, read as a stream (the tar reader's tests and its fuzzer feed it this way).
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
}
