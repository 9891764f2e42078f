import Image

/// The four manifest kinds a registry serves for an image, and the one JSON shape gym reads them with.
public enum MediaType {
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let dockerList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let ociLayout = "1.0.0"

    /// What gym asks for, most specific first (a registry picks the first it has).
    public static let accepted = [ociIndex, ociManifest, dockerList, dockerManifest]

    static func isIndex(_ type: String?) -> Bool { type == ociIndex || type == dockerList }
}

/// A content descriptor: what a blob or manifest is, how large, and its digest.
public struct Descriptor: Codable, Sendable, Equatable {
    public struct Platform: Codable, Sendable, Equatable {
        public var architecture: String
        public var os: String
        public var variant: String?

        /// `os/arch[/variant]`.
        public var name: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }
    }

    public var mediaType: String
    public var digest: String
    public var size: Int64
    public var platform: Platform?
    public var annotations: [String: String]?

    public init(
        mediaType: String, digest: String, size: Int64, platform: Platform? = nil, annotations: [String: String]? = nil
    ) {
        self.mediaType = mediaType
        self.digest = digest
        self.size = size
        self.platform = platform
        self.annotations = annotations
    }
}

/// An image manifest or an index (manifest list), in OCI or Docker schema 2 form.
public struct Manifest: Codable, Sendable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var config: Descriptor?
    public var layers: [Descriptor]?
    public var manifests: [Descriptor]?

    public var isIndex: Bool { manifests != nil && layers == nil }

    /// The image manifest of an index for `platform` (`os/arch[/variant]`; the host's when nil), leaving out
    /// attestation manifests, which BuildKit lists with platform `unknown/unknown`.
    public func select(platform: String?, reference: String) throws(RegistryError) -> Descriptor {
        let choice = PlatformChoice(
            manifests ?? [], platform: platform, name: { $0.platform?.name },
            isAttestation: { $0.annotations?["vnd.docker.reference.type"] == "attestation-manifest" })
        guard !choice.isEmpty else { throw .badManifest(reference: reference, reason: "the index lists no image") }
        guard let match = choice.chosen else { throw .platform(requested: choice.wanted, available: choice.available) }
        return match
    }
}
