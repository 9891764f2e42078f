/// Files read out of the layers in the same pass that lists their entries, so a caller that needs some files'
/// contents (package databases, binaries to fingerprint) decompresses nothing twice. Each wanted file of every
/// layer is handed to `transform` as it passes (on the thread reading that layer); what it returns is kept by
/// layer and path, and the final filesystem's file is found with ``CapturedFiles/value(for:)``.
public struct LayerCapture<Value: Sendable>: Sendable {
    /// The largest file read; larger ones are passed over.
    public var limit: Int64
    /// Whether a regular file's content is wanted, from its tar entry.
    public var wants: @Sendable (TarEntry) -> Bool
    /// What to keep of a wanted file (nil: nothing).
    public var transform: @Sendable (_ entry: TarEntry, _ content: [UInt8]) -> Value?

    public init(
        limit: Int64, wants: @escaping @Sendable (TarEntry) -> Bool,
        transform: @escaping @Sendable (_ entry: TarEntry, _ content: [UInt8]) -> Value?
    ) {
        self.limit = limit
        self.wants = wants
        self.transform = transform
    }
}

/// What a ``LayerCapture`` kept, per layer and path.
public struct CapturedFiles<Value: Sendable>: Sendable {
    var layers: [[String: Value]]

    public init(layers: [[String: Value]]) { self.layers = layers }

    /// What was kept of `path` as layer `layer` wrote it.
    public func value(layer: Int, path: String) -> Value? {
        layers.indices.contains(layer) ? layers[layer][path] : nil
    }

    /// What was kept of a file of the final filesystem (the copy its last layer wrote).
    public func value(for file: FileTree.File) -> Value? { value(layer: file.layer, path: file.path) }
}
