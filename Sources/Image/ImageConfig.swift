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

/// An OCI descriptor.
struct Descriptor: Codable, Sendable {
    struct Platform: Codable, Sendable {
        var architecture: String?
        var os: String?
        var variant: String?

        /// `os/arch[/variant]`.
        var name: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }
    }

    var mediaType: String?
    var digest: String
    var size: Int64?
    var platform: Platform?
    var annotations: [String: String]?
}

/// An OCI index or image manifest (the fields gym reads from either).
struct OCIDocument: Codable, Sendable {
    var schemaVersion: Int?
    var mediaType: String?
    var manifests: [Descriptor]?
    var config: Descriptor?
    var layers: [Descriptor]?
}

/// One entry of a docker-archive `manifest.json`.
struct DockerManifestEntry: Codable, Sendable {
    var Config: String
    var RepoTags: [String]?
    var Layers: [String]
}
