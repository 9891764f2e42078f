/// One vulnerability of one installed package.
public struct Finding: Sendable, Codable, Equatable {
    /// The record's id (GHSA, PYSEC, GO, DEBIAN-CVE ...).
    public var id: String
    /// Other ids of the same vulnerability (CVE, and the records merged into this one).
    public var aliases: [String]
    public var package: String
    public var ecosystem: Ecosystem
    public var installedVersion: String
    /// The version that fixes it on the installed version's line (the lowest fix above it), when the records
    /// say.
    public var fixedVersion: String?
    /// Every fixed version the records name, the applicable one first, then the others in version order
    /// (Werkzeug 0.14.1 and CVE-2023-46136: 2.3.8 on its 2.x line, then 3.0.1).
    public var fixedVersions: [String] = []
    public var severity: Severity
    /// The CVSS v3 base score, when the record has a vector.
    public var score: Double?
    public var title: String
    public var location: String
    /// The layer that brought the package, its diff id and the history entry (the Dockerfile instruction)
    /// that made it, when the image's layers are known.
    public var layer: Int?
    public var layerDiffID: String?
    public var instruction: String?

    public init(
        id: String, aliases: [String], package: String, ecosystem: Ecosystem, installedVersion: String,
        fixedVersion: String?, fixedVersions: [String]? = nil, severity: Severity, score: Double?, title: String,
        location: String, layer: Int? = nil, layerDiffID: String? = nil, instruction: String? = nil
    ) {
        self.id = id
        self.aliases = aliases
        self.package = package
        self.ecosystem = ecosystem
        self.installedVersion = installedVersion
        self.fixedVersion = fixedVersion
        self.fixedVersions = fixedVersions ?? fixedVersion.map { [$0] } ?? []
        self.severity = severity
        self.score = score
        self.title = title
        self.location = location
        self.layer = layer
        self.layerDiffID = layerDiffID
        self.instruction = instruction
    }
}

extension Finding {
    /// The vulnerable package's URL (`distro` for an OS package: `debian-12`).
    public func purl(distro: String?) -> String {
        InstalledPackage(ecosystem: ecosystem, name: package, version: installedVersion, location: location)
            .purl(distro: ecosystem.isOperatingSystem ? distro : nil)
    }
}
