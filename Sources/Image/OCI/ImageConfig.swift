/// The parts of an image config (`application/vnd.oci.image.config.v1+json`) the analysis reads.
public struct ImageConfig: Sendable, Codable, Equatable {
    public struct History: Sendable, Codable, Equatable {
        public var created: String?
        public var createdBy: String?
        public var comment: String?
        public var emptyLayer: Bool?

        enum CodingKeys: String, CodingKey {
            case created
            case createdBy = "created_by"
            case comment
            case emptyLayer = "empty_layer"
        }
    }

    public struct RootFS: Sendable, Codable, Equatable {
        public var type: String?
        public var diffIDs: [String]?

        enum CodingKeys: String, CodingKey {
            case type
            case diffIDs = "diff_ids"
        }
    }

    public var architecture: String?
    public var os: String?
    public var variant: String?
    public var history: [History]?
    public var rootfs: RootFS?
}
