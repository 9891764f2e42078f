/// A content descriptor: what a blob or a manifest is, how large, its digest, and (in an index) its platform.
public struct Descriptor: Codable, Sendable, Equatable {
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

    /// Whether BuildKit lists this index entry as an attestation (platform `unknown/unknown`), not an image.
    public var isAttestation: Bool { annotations?["vnd.docker.reference.type"] == "attestation-manifest" }
}
