/// Everything `gym layers` reports about an image.
public struct ImageAnalysis: Sendable, Codable, Equatable {
    public struct Layer: Sendable, Codable, Equatable {
        public var index: Int
        /// The layer's diff id (sha256 of its uncompressed tar).
        public var digest: String
        /// The history entry that created it (`RUN ...`, `COPY ...`).
        public var instruction: String
        public var size: Int64
        public var added: Int
        public var modified: Int
        public var removed: Int
        /// Size of this and every earlier layer.
        public var cumulativeSize: Int64
    }

    /// One history entry; metadata-only steps (ENV, CMD, ...) have no layer.
    public struct Step: Sendable, Codable, Equatable {
        public var instruction: String
        public var layer: Int?
        public var created: String?
    }

    /// Bytes stored in a layer that the final filesystem does not have.
    public struct Waste: Sendable, Codable, Equatable {
        public var path: String
        public var bytes: Int64
        public var addedBy: Int
        public var removedBy: Int
        public var addedByInstruction: String
        public var removedByInstruction: String
        /// overwritten, deleted, or hidden by an opaque directory.
        public var how: String
        public var fix: String
    }

    /// Figures computed exactly as dive computes them, for comparison.
    public struct Dive: Sendable, Codable, Equatable {
        public var efficiency: Double
        public var wastedBytes: Int64
        public var userWastedPercent: Double
    }

    public var layers: [Layer]
    public var history: [Step]
    public var totalSize: Int64
    public var reclaimableBytes: Int64
    public var waste: [Waste]
    public var dive: Dive
    /// Final filesystem: file count and bytes.
    public var finalFiles: Int
    public var finalBytes: Int64
}
