import Foundation

/// How gym reaches registries: credentials, trust, and how hard it pulls.
public struct RegistryOptions: Sendable {
    public var credentials: CredentialSource
    /// Allow plain HTTP (and unverified names) for hosts that are not loopback.
    public var insecure: Bool
    /// A PEM file of certificate authorities to trust besides the system's.
    public var caCertificate: String?
    /// Blobs fetched at the same time.
    public var maximumConnections: Int
    /// Seconds to wait for a connection, and for the next bytes of an answer (a stalled registry).
    public var connectTimeout: Int64
    public var readTimeout: Int64
    /// The largest manifest or index accepted (containerd's limit).
    public var manifestLimit: Int

    public init(
        credentials: CredentialSource = CredentialSource(), insecure: Bool = false, caCertificate: String? = nil,
        maximumConnections: Int = 4, connectTimeout: Int64 = 10, readTimeout: Int64 = defaultReadTimeout,
        manifestLimit: Int = 4 << 20
    ) {
        self.credentials = credentials
        self.insecure = insecure
        self.caCertificate = caCertificate
        self.maximumConnections = max(1, maximumConnections)
        self.connectTimeout = connectTimeout
        self.readTimeout = readTimeout
        self.manifestLimit = manifestLimit
    }

    /// Seconds without a byte before a transfer counts as stalled: 30, or `GYM_REGISTRY_READ_TIMEOUT` (a slow
    /// link, or a machine whose disk is busy enough to hold writes back that long).
    public static var defaultReadTimeout: Int64 {
        ProcessInfo.processInfo.environment["GYM_REGISTRY_READ_TIMEOUT"].flatMap { Int64($0) }.map { max(1, $0) } ?? 30
    }
}
