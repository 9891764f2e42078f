import Foundation

/// A manifest document whose kind is known only once read (what a registry answers for a tag, or what an
/// index entry names): an index or an image manifest, told apart by its media type, else by its fields.
public enum ManifestDocument: Sendable, Equatable {
    case index(Index)
    case manifest(Manifest)

    /// Why bytes are not a manifest document gym reads.
    public struct Unreadable: Error, CustomStringConvertible {
        public var description: String
    }

    public static func decode(_ bytes: [UInt8]) throws(Unreadable) -> ManifestDocument {
        struct Probe: Decodable {
            var schemaVersion: Int?
            var mediaType: String?
            var manifests: [Descriptor]?
            var layers: [Descriptor]?
        }
        let data = Data(bytes)
        do {
            let probe = try JSONDecoder().decode(Probe.self, from: data)
            guard probe.schemaVersion == 2 else {
                throw Unreadable(
                    description:
                        "schema version \(probe.schemaVersion.map(String.init) ?? "missing") (gym reads schema 2)")
            }
            if MediaType.isIndex(probe.mediaType) || (probe.manifests != nil && probe.layers == nil) {
                return .index(try JSONDecoder().decode(Index.self, from: data))
            }
            return .manifest(try JSONDecoder().decode(Manifest.self, from: data))
        } catch let error as Unreadable {
            throw error
        } catch {
            throw Unreadable(description: "malformed manifest JSON: \(error)")
        }
    }

    public var mediaType: String? {
        switch self {
        case .index(let index): return index.mediaType
        case .manifest(let manifest): return manifest.mediaType
        }
    }
}
