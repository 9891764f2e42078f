/// An image index (OCI, or a Docker manifest list): manifests, each with its platform; also an OCI layout's
/// `index.json`.
public struct Index: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var mediaType: String?
    public var manifests: [Descriptor]
    public var annotations: [String: String]?

    public init(
        schemaVersion: Int = 2, mediaType: String? = MediaType.ociIndex, manifests: [Descriptor] = [],
        annotations: [String: String]? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.mediaType = mediaType
        self.manifests = manifests
        self.annotations = annotations
    }

    /// The image manifest for `platform` (`os/arch[/variant]`; the host's when nil), attestations left out.
    public func choice(platform: String?) -> PlatformChoice<Descriptor> {
        PlatformChoice(manifests, platform: platform, name: { $0.platform?.name }, isAttestation: \.isAttestation)
    }
}
