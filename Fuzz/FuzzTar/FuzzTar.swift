import FuzzSupport

@testable import Image

/// libFuzzer entry: any bytes as a layer tar. Every entry is read (contents up to 1 MB) until the end or
/// an ImageError; never a crash, a hang or an unbounded allocation.
func fuzzTar(_ input: UnsafeRawBufferPointer) {
    var reader = TarReader(MemorySource(Array(input)), context: "fuzz")
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
