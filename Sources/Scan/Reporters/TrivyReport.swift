import Foundation

/// Trivy's JSON report (schema version 2), written for a scan so that dashboards and scripts built on Trivy
/// read gym's results, and read back from files Trivy itself wrote (`gym report --trivy`). Only the fields
/// those tools use are modelled; unknown fields in Trivy's files are ignored.
public struct TrivyReport: Codable, Sendable, Equatable {
    public struct OS: Codable, Sendable, Equatable {
        public var family: String
        public var name: String?

        enum CodingKeys: String, CodingKey {
            case family = "Family", name = "Name"
        }
    }

    public struct Metadata: Codable, Sendable, Equatable {
        public var os: OS?
        public var diffIDs: [String]?

        enum CodingKeys: String, CodingKey {
            case os = "OS", diffIDs = "DiffIDs"
        }
    }

    public struct Layer: Codable, Sendable, Equatable {
        public var diffID: String?

        enum CodingKeys: String, CodingKey {
            case diffID = "DiffID"
        }
    }

    public struct Vulnerability: Codable, Sendable, Equatable {
        public var vulnerabilityID: String
        public var pkgName: String
        public var pkgPath: String?
        public var installedVersion: String?
        public var fixedVersion: String?
        /// `fixed` when a fixed version exists, else `affected`.
        public var status: String?
        public var severity: String
        public var title: String?
        public var primaryURL: String?
        public var layer: Layer?

        enum CodingKeys: String, CodingKey {
            case vulnerabilityID = "VulnerabilityID", pkgName = "PkgName", pkgPath = "PkgPath"
            case installedVersion = "InstalledVersion", fixedVersion = "FixedVersion", status = "Status"
            case severity = "Severity", title = "Title", primaryURL = "PrimaryURL", layer = "Layer"
        }
    }

    public struct Result: Codable, Sendable, Equatable {
        public var target: String
        /// `os-pkgs` or `lang-pkgs`.
        public var resultClass: String?
        /// `debian`, `ubuntu`, `alpine`, `python-pkg`, `node-pkg`, `gobinary`.
        public var type: String?
        public var vulnerabilities: [Vulnerability]?

        enum CodingKeys: String, CodingKey {
            case target = "Target", resultClass = "Class", type = "Type", vulnerabilities = "Vulnerabilities"
        }
    }

    public var schemaVersion: Int
    public var createdAt: String?
    public var artifactName: String
    public var artifactType: String?
    public var metadata: Metadata?
    public var results: [Result]?

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "SchemaVersion", createdAt = "CreatedAt", artifactName = "ArtifactName"
        case artifactType = "ArtifactType", metadata = "Metadata", results = "Results"
    }

    /// The report Trivy would write for these findings: one result for the OS packages, one per language
    /// ecosystem (one per binary for Go), each vulnerability under Trivy's field names.
    public init(findings: [Finding], inventory: Inventory, image: String, createdAt: Date = Date()) {
        schemaVersion = 2
        self.createdAt = ISO8601DateFormatter().string(from: createdAt)
        artifactName = image
        artifactType = "container_image"
        let family = inventory.osID
        metadata = Metadata(
            os: family.map { OS(family: $0, name: inventory.osVersion) },
            diffIDs: inventory.layers.isEmpty ? nil : inventory.layers.map(\.diffID))
        var results: [Result] = []
        let os = findings.filter { $0.ecosystem.isOperatingSystem }
        if let family {
            results.append(
                Result(
                    target: "\(image) (\(family) \(inventory.osVersion ?? ""))".replacingOccurrences(
                        of: " )", with: ")"),
                    resultClass: "os-pkgs", type: family, vulnerabilities: os.map(Self.vulnerability)))
        }
        for (ecosystem, target, type) in [(Ecosystem.pypi, "Python", "python-pkg"), (.npm, "Node.js", "node-pkg")] {
            let found = findings.filter { $0.ecosystem == ecosystem }
            if !found.isEmpty {
                results.append(
                    Result(
                        target: target, resultClass: "lang-pkgs", type: type,
                        vulnerabilities: found.map(Self.vulnerability)))
            }
        }
        let go = Dictionary(grouping: findings.filter { $0.ecosystem == .go }, by: \.location)
        for binary in go.keys.sorted() {
            results.append(
                Result(
                    target: binary, resultClass: "lang-pkgs", type: "gobinary",
                    vulnerabilities: go[binary]!.map(Self.vulnerability)))
        }
        self.results = results
    }

    static func vulnerability(_ finding: Finding) -> Vulnerability {
        let cve = ([finding.id] + finding.aliases).first { $0.hasPrefix("CVE-") }
        let id = cve ?? finding.id
        let url: String
        if id.hasPrefix("CVE-") {
            url = "https://avd.aquasec.com/nvd/\(id.lowercased())"
        } else if id.hasPrefix("GHSA-") {
            url = "https://github.com/advisories/\(id)"
        } else {
            url = "https://osv.dev/vulnerability/\(id)"
        }
        return Vulnerability(
            vulnerabilityID: id, pkgName: finding.package,
            pkgPath: finding.ecosystem.isOperatingSystem ? nil : finding.location,
            installedVersion: finding.installedVersion, fixedVersion: finding.fixedVersions.joined(separator: ", "),
            status: finding.fixedVersion == nil ? "affected" : "fixed", severity: finding.severity.rawValue,
            title: finding.title.isEmpty ? nil : finding.title, primaryURL: url,
            layer: finding.layerDiffID.map { Layer(diffID: $0) })
    }

    /// Reads a report Trivy (or `gym scan --format trivy`) wrote.
    public init(json data: Data, file: String) throws(ScanError) {
        do {
            self = try JSONDecoder().decode(TrivyReport.self, from: data)
        } catch {
            throw .badRecord(file: file, reason: "not a Trivy JSON report: \(error)")
        }
    }

    /// Findings by severity, over every result (Trivy's own severity words; anything else is UNKNOWN).
    public var counts: [Severity: Int] {
        var counts: [Severity: Int] = [:]
        for vulnerability in (results ?? []).flatMap({ $0.vulnerabilities ?? [] }) {
            counts[Severity(rawValue: vulnerability.severity.uppercased()) ?? .unknown, default: 0] += 1
        }
        return counts
    }
}
