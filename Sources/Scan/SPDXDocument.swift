import Foundation

/// An SPDX 2.3 document (JSON) of an image's installed packages: the image as the described package, which
/// contains one package per installed package, each with its package URL.
public struct SPDXDocument: Sendable, Codable, Equatable {
    public struct CreationInfo: Sendable, Codable, Equatable {
        public var created: String
        public var creators: [String]
    }

    public struct ExternalReference: Sendable, Codable, Equatable {
        public var referenceCategory: String
        public var referenceType: String
        public var referenceLocator: String
    }

    public struct Package: Sendable, Codable, Equatable {
        public var spdxID: String
        public var name: String
        public var versionInfo: String?
        public var downloadLocation: String
        public var filesAnalyzed: Bool
        public var sourceInfo: String?
        public var primaryPackagePurpose: String?
        public var externalRefs: [ExternalReference]?

        enum CodingKeys: String, CodingKey {
            case name, versionInfo, downloadLocation, filesAnalyzed, sourceInfo, primaryPackagePurpose, externalRefs
            case spdxID = "SPDXID"
        }
    }

    public struct Relationship: Sendable, Codable, Equatable {
        public var spdxElementId: String
        public var relationshipType: String
        public var relatedSpdxElement: String
    }

    public var spdxVersion = "SPDX-2.3"
    public var dataLicense = "CC0-1.0"
    public var spdxID = "SPDXRef-DOCUMENT"
    public var name: String
    public var documentNamespace: String
    public var creationInfo: CreationInfo
    public var packages: [Package]
    public var relationships: [Relationship]

    enum CodingKeys: String, CodingKey {
        case spdxVersion, dataLicense, name, documentNamespace, creationInfo, packages, relationships
        case spdxID = "SPDXID"
    }

    public init(image: String, inventory: Inventory, toolVersion: String, now: Date = Date()) {
        name = image
        let safe = image.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" }
        documentNamespace = "https://containergym.dev/spdx/\(String(safe))-\(UUID().uuidString.lowercased())"
        creationInfo = CreationInfo(
            created: ISO8601DateFormatter().string(from: now),
            creators: ["Tool: gym-\(toolVersion)", "Organization: ContainerGym"])
        let root = Package(
            spdxID: "SPDXRef-Image", name: image, versionInfo: nil, downloadLocation: "NOASSERTION",
            filesAnalyzed: false,
            sourceInfo: inventory.distro.map { "operating system: \($0)" }, primaryPackagePurpose: "CONTAINER",
            externalRefs: nil)
        var packages = [root]
        var relationships = [
            Relationship(
                spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: root.spdxID)
        ]
        var seen: Set<String> = []
        for package in inventory.packages {
            let purl = package.purl(distro: package.ecosystem.isOperatingSystem ? inventory.distro : nil)
            guard seen.insert(purl).inserted else { continue }
            let id = "SPDXRef-Package-\(packages.count)"
            var source = "acquired from \(package.location)"
            if let origin = package.sourceName, origin != package.name { source += ", source package \(origin)" }
            packages.append(
                Package(
                    spdxID: id, name: package.name, versionInfo: package.version, downloadLocation: "NOASSERTION",
                    filesAnalyzed: false, sourceInfo: source, primaryPackagePurpose: "LIBRARY",
                    externalRefs: [
                        ExternalReference(
                            referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl)
                    ]))
            relationships.append(
                Relationship(spdxElementId: root.spdxID, relationshipType: "CONTAINS", relatedSpdxElement: id))
        }
        self.packages = packages
        self.relationships = relationships
    }
}
