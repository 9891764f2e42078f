/// Which image of a multi-platform index to read, the same way for an OCI layout, an archive and a registry:
/// attestation manifests (BuildKit lists them with an annotation and platform `unknown/unknown`) are never
/// images; a lone image is taken when no platform is asked for; else the entry for the platform asked for (the
/// host's when none), an entry with a variant answering for a platform named without one (`linux/arm64` finds
/// `linux/arm64/v8`, never `linux/arm64x`), and, for no platform asked, an entry that names no platform.
public struct PlatformChoice<Entry> {
    /// The entry taken, nil when none fits.
    public let chosen: Entry?
    /// The platform looked for.
    public let wanted: String
    /// The images the index offers, by platform name (what an error lists).
    public let available: [String]
    /// Whether the index lists no image at all.
    public var isEmpty: Bool { images == 0 }
    let images: Int

    /// `name`: an entry's platform (`os/arch[/variant]`), nil when it names none; `isAttestation`: whether its
    /// annotations mark it as an attestation manifest.
    public init(
        _ entries: [Entry], platform: String?, name: (Entry) -> String?, isAttestation: (Entry) -> Bool
    ) {
        let images = entries.filter { !isAttestation($0) && !(name($0)?.hasPrefix("unknown/") ?? false) }
        self.images = images.count
        wanted = platform ?? ImageSource.hostPlatform()
        available = images.compactMap(name)
        if images.count == 1 && platform == nil {
            chosen = images[0]
        } else {
            let wanted = wanted
            chosen =
                images.first { name($0) == wanted }
                ?? images.first { name($0)?.hasPrefix(wanted + "/") ?? false }
                ?? (platform == nil ? images.first { name($0) == nil } : nil)
        }
    }
}
