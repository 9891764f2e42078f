/// The platform an image runs on (an index entry's `platform`): `os/architecture[/variant]`.
public struct Platform: Codable, Sendable, Equatable {
    public var architecture: String
    public var os: String
    public var variant: String?

    public init(architecture: String, os: String, variant: String? = nil) {
        self.architecture = architecture
        self.os = os
        self.variant = variant
    }

    /// `linux/arm64/v8` read back; nil for fewer than two parts.
    public init?(name: String) {
        let parts = name.split(separator: "/").map(String.init)
        guard parts.count >= 2 else { return nil }
        self.init(architecture: parts[1], os: parts[0], variant: parts.count > 2 ? parts[2] : nil)
    }

    /// `os/architecture[/variant]`.
    public var name: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }
}
