/// Reads the contents of chosen files of an image's final filesystem (package databases, metadata files),
/// each from the layer that last wrote it, without extracting anything else.
public enum ImageFiles {
    /// The contents of `files` (paths of the final filesystem, as in ``FileTree``), skipping any larger than
    /// `limit` bytes. Only the layers that hold them are read.
    public static func contents(
        _ image: LoadedImage, files: [FileTree.File], limit: Int64 = 16 << 20
    ) throws(ImageError) -> [String: [UInt8]] {
        var found: [String: [UInt8]] = [:]
        try visit(image, files: files, limit: limit) { path, data in found[path] = data }
        return found
    }

    /// Calls `body` with each of `files` and its content, one at a time (nothing is kept), skipping any
    /// larger than `limit` bytes.
    public static func visit(
        _ image: LoadedImage, files: [FileTree.File], limit: Int64, _ body: (String, [UInt8]) -> Void
    ) throws(ImageError) {
        var wanted: [Int: Set<String>] = [:]
        for file in files where file.size <= limit { wanted[file.layer, default: []].insert(file.path) }
        for (layer, paths) in wanted.sorted(by: { $0.key < $1.key }) {
            guard layer >= 0, layer < image.layers.count else { continue }
            let blob = image.layers[layer]
            let raw = try blob.open()
            let kind = try ImageAnalyzer.compression(of: blob, raw)
            var decompressor = try DecompressingSource(
                raw, kind: kind, layer: ImageAnalyzer.name(blob, index: layer))
            defer { decompressor.release() }
            var tar = TarReader(decompressor, context: "layer #\(layer)")
            while let entry = try tar.next() {
                guard entry.kind == .file, paths.contains(entry.path) else { continue }
                if let data = try tar.content(limit: limit) { body(entry.path, data) }
            }
        }
    }
}
