import FuzzSupport

@testable import Image

/// An in-memory byte source for the tar reader.
struct Bytes: ByteSource {
    var data: [UInt8]
    var position = 0
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
        let n = min(buffer.count, data.count - position)
        if n > 0 { buffer.copyBytes(from: data[position..<(position + n)]) }
        position += n
        return n
    }
}

/// libFuzzer entry: any bytes as a layer tar. Every entry is read (contents up to 1 MB) until the end or
/// an ImageError; never a crash, a hang or an unbounded allocation.
func fuzzTar(_ input: UnsafeRawBufferPointer) {
    var reader = TarReader(Bytes(data: Array(input)), context: "fuzz")
    var entries = 0
    while entries < 10_000, let entry = try? reader.next() {
        if entry.kind == .file { _ = try? reader.content(limit: 1 << 20) }
        entries += 1
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzTar) }
}
