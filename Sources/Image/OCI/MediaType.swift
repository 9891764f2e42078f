/// The media types of the OCI image spec and of Docker's schema 2 that gym reads and writes.
public enum MediaType {
    public static let ociIndex = "application/vnd.oci.image.index.v1+json"
    public static let ociManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let ociConfig = "application/vnd.oci.image.config.v1+json"
    public static let ociLayer = "application/vnd.oci.image.layer.v1.tar"
    public static let ociLayerGzip = "application/vnd.oci.image.layer.v1.tar+gzip"
    public static let ociLayerZstd = "application/vnd.oci.image.layer.v1.tar+zstd"
    public static let ociNondistributableLayerGzip = "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip"
    public static let dockerList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayer = "application/vnd.docker.image.rootfs.diff.tar"
    public static let dockerLayerGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    public static let dockerForeignLayerGzip = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip"
    /// `oci-layout`'s `imageLayoutVersion`.
    public static let ociLayoutVersion = "1.0.0"

    /// What gym asks a registry for, most specific first (a registry picks the first it has).
    public static let accepted = [ociIndex, ociManifest, dockerList, dockerManifest]

    /// Whether a document of this type lists manifests (an OCI index or a Docker manifest list).
    public static func isIndex(_ type: String?) -> Bool { type == ociIndex || type == dockerList }

    /// The OCI media type of a Docker layer type (the same bytes); any other type as it is.
    public static func ociLayerType(_ type: String) -> String {
        switch type {
        case dockerLayerGzip: return ociLayerGzip
        case dockerLayer: return ociLayer
        case dockerForeignLayerGzip: return ociNondistributableLayerGzip
        default: return type
        }
    }
}
