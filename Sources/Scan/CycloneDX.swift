import Foundation

/// A CycloneDX 1.5 software bill of materials (JSON) of an image's installed packages; with a scan's findings,
/// also its vulnerabilities (each rated, with the components it affects and the fix), as CycloneDX VEX.
public struct CycloneDX: Sendable, Codable, Equatable {
    public struct Tool: Sendable, Codable, Equatable {
        public var vendor: String
        public var name: String
        public var version: String
    }

    public struct Component: Sendable, Codable, Equatable {
        public var type: String
        public var bomRef: String
        public var name: String
        public var version: String
        public var purl: String?
        public var properties: [Property]?

        enum CodingKeys: String, CodingKey {
            case type, name, version, purl, properties
            case bomRef = "bom-ref"
        }
    }

    public struct Property: Sendable, Codable, Equatable {
        public var name: String
        public var value: String
    }

    public struct Metadata: Sendable, Codable, Equatable {
        public var timestamp: String
        public var tools: [Tool]
        public var component: Component
    }

    public var bomFormat = "CycloneDX"
    public var specVersion = "1.5"
    public var serialNumber: String
    public var version = 1
    /// One vulnerability and the components it affects.
    public struct Vulnerability: Sendable, Codable, Equatable {
        public struct Source: Sendable, Codable, Equatable {
            public var name: String
            public var url: String?
        }

        public struct Rating: Sendable, Codable, Equatable {
            public var severity: String
            public var score: Double?
            public var method: String?
        }

        public struct Affects: Sendable, Codable, Equatable {
            public var ref: String
        }

        public var bomRef: String
        public var id: String
        public var source: Source
        public var ratings: [Rating]
        public var description: String?
        public var recommendation: String?
        public var affects: [Affects]
        public var references: [Reference]?

        /// Another id of the same vulnerability.
        public struct Reference: Sendable, Codable, Equatable {
            public var id: String
            public var source: Source
        }

        enum CodingKeys: String, CodingKey {
            case id, source, ratings, description, recommendation, affects, references
            case bomRef = "bom-ref"
        }
    }

    public var metadata: Metadata
    public var components: [Component]
    public var vulnerabilities: [Vulnerability]?

    /// The bill of materials with the findings as vulnerabilities, each affecting its package's component.
    public init(image: String, inventory: Inventory, findings: [Finding], toolVersion: String, now: Date = Date()) {
        self.init(image: image, inventory: inventory, toolVersion: toolVersion, now: now)
        vulnerabilities = findings.enumerated().map { index, finding in
            Vulnerability(
                bomRef: "vulnerability-\(index + 1)", id: finding.id,
                source: Source(name: "OSV", url: "https://osv.dev/vulnerability/\(finding.id)"),
                ratings: [
                    Rating(
                        severity: finding.severity.rawValue.lowercased(), score: finding.score,
                        method: finding.score == nil ? nil : "CVSSv3")
                ], description: finding.title.isEmpty ? nil : finding.title,
                recommendation: finding.fixedVersion.map { "Upgrade \(finding.package) to \($0)" },
                affects: [Affects(ref: finding.purl(distro: inventory.distro))],
                references: finding.aliases.isEmpty
                    ? nil
                    : finding.aliases.map {
                        Reference(id: $0, source: Source(name: $0.hasPrefix("CVE-") ? "NVD" : "OSV", url: nil))
                    })
        }
    }

    typealias Source = Vulnerability.Source
    typealias Rating = Vulnerability.Rating
    typealias Affects = Vulnerability.Affects
    typealias Reference = Vulnerability.Reference

    public init(image: String, inventory: Inventory, toolVersion: String, now: Date = Date()) {
        serialNumber = "urn:uuid:\(UUID().uuidString.lowercased())"
        metadata = Metadata(
            timestamp: ISO8601DateFormatter().string(from: now),
            tools: [Tool(vendor: "ContainerGym", name: "gym", version: toolVersion)],
            component: Component(
                type: "container", bomRef: image, name: image, version: "", purl: nil,
                properties: inventory.distro.map { [Property(name: "gym:os", value: $0)] }))
        var seen: Set<String> = []
        components = inventory.packages.compactMap { package in
            let purl = package.purl(distro: package.ecosystem.isOperatingSystem ? inventory.distro : nil)
            guard seen.insert(purl).inserted else { return nil }
            var properties = [Property(name: "gym:location", value: package.location)]
            if let source = package.sourceName, source != package.name {
                properties.append(Property(name: "gym:source-package", value: source))
            }
            return Component(
                type: "library", bomRef: purl, name: package.name,
                version: package.version, purl: purl, properties: properties)
        }
    }
}
