/// One vulnerability of one installed package.
public struct Finding: Sendable, Codable, Equatable {
    /// The record's id (GHSA, PYSEC, GO, DEBIAN-CVE ...).
    public var id: String
    /// Other ids of the same vulnerability (CVE, and the records merged into this one).
    public var aliases: [String]
    public var package: String
    public var ecosystem: Ecosystem
    public var installedVersion: String
    /// The lowest version that fixes it, when the record says.
    public var fixedVersion: String?
    public var severity: Severity
    /// The CVSS v3 base score, when the record has a vector.
    public var score: Double?
    public var title: String
    public var location: String
}
