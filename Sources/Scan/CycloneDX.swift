import Foundation

/// A CycloneDX 1.5 software bill of materials (JSON) of an image's installed packages.
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
    public var metadata: Metadata
    public var components: [Component]

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
            let purl = package.purl(distro: package.ecosystem == .debian ? inventory.distro : nil)
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
