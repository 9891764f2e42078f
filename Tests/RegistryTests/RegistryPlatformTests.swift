import Foundation
import Image
import Spawn
import TestSupport
import Testing

@testable import Registry

/// A two-platform index (made here from the Debian stand-in: the same layers under an amd64 and an arm64
/// config) copied into docker-registry with skopeo, then pulled by platform.
@Suite(
    .ownThreads,
    .enabled(
        if: LoopbackRegistry.isAvailable && DockerEngine.isAvailable
            && RequiredParts.gate(present: LoopbackRegistry.skopeoPresent),
        "needs docker-registry, skopeo and an engine"))
struct RegistryPlatformTests {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gym-platform-\(UUID().uuidString)")
        .path

    func json(_ bytes: [UInt8]) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    func bytes(_ object: Any) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// Pushes a two-platform index to the registry; returns its reference and the two manifest digests.
    func pushIndex(_ registry: LoopbackRegistry) async throws -> (String, amd64: String, arm64: String) {
        let source = try registry.push(engineImage: RegistryPullTests.sourceImage, as: "course/single:1")
        let store = try BlobStore(root: scratch + "/store")
        let single = try RegistryReference(parsing: source)
        let pulled = try await RegistryClient.with(RegistryOptions()) { client throws(RegistryError) in
            try await client.pull(single, platform: nil, into: store)
        }
        let layoutPath = scratch + "/layout"
        try OCILayoutWriter.write(pulled, from: store, to: layoutPath)
        let layout = try BlobStore(root: layoutPath)
        let top = try json([UInt8](try Data(contentsOf: URL(fileURLWithPath: layoutPath + "/index.json"))))
        let entry = try #require((top["manifests"] as? [[String: Any]])?.first)
        let amd64Digest = try #require(entry["digest"] as? String)
        let amd64Bytes = try layout.read(amd64Digest)
        var manifest = try json(amd64Bytes)
        var config = try json(
            try layout.read(try #require((manifest["config"] as? [String: Any])?["digest"] as? String)))
        config["architecture"] = "arm64"
        config["variant"] = "v8"
        let armConfig = try bytes(config)
        let armConfigDigest = RegistryClient.sha256(armConfig)
        try layout.put(armConfig, digest: armConfigDigest, what: "arm64 config")
        manifest["config"] = [
            "mediaType": MediaType.ociConfig, "digest": armConfigDigest, "size": armConfig.count,
        ]
        let armManifest = try bytes(manifest)
        let armDigest = RegistryClient.sha256(armManifest)
        try layout.put(armManifest, digest: armDigest, what: "arm64 manifest")
        let index = try bytes([
            "schemaVersion": 2, "mediaType": MediaType.ociIndex,
            "manifests": [
                [
                    "mediaType": MediaType.ociManifest, "digest": amd64Digest, "size": amd64Bytes.count,
                    "platform": ["os": "linux", "architecture": "amd64"],
                ],
                [
                    "mediaType": MediaType.ociManifest, "digest": armDigest, "size": armManifest.count,
                    "platform": ["os": "linux", "architecture": "arm64", "variant": "v8"],
                ],
            ],
        ])
        let indexDigest = RegistryClient.sha256(index)
        try layout.put(index, digest: indexDigest, what: "index")
        try Data(
            try bytes([
                "schemaVersion": 2,
                "manifests": [
                    [
                        "mediaType": MediaType.ociIndex, "digest": indexDigest, "size": index.count,
                        "annotations": ["org.opencontainers.image.ref.name": "multi"],
                    ]
                ],
            ])
        ).write(to: URL(fileURLWithPath: layoutPath + "/index.json"))
        let reference = "\(registry.host)/course/multi:1"
        try LoopbackRegistry.shell(
            "skopeo copy -q --all --dest-tls-verify=false oci:\(layoutPath):multi docker://\(reference)")
        return (reference, amd64Digest, armDigest)
    }

    func pull(_ reference: String, platform: String?) async throws(RegistryError) -> PulledImage {
        let reference = try RegistryReference(parsing: reference)
        let store = try BlobStore(root: scratch + "/pulls")
        return try await RegistryClient.with(RegistryOptions()) { client throws(RegistryError) in
            try await client.pull(reference, platform: platform, into: store)
        }
    }

    @Test func anIndexYieldsThePlatformAskedFor() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let (reference, amd64, arm64) = try await pushIndex(registry)
        let host = try await pull(reference, platform: nil)
        #expect(host.indexDigest != nil)
        #expect(host.manifestDigest == amd64 && host.platform == "linux/amd64")
        let arm = try await pull(reference, platform: "linux/arm64")
        #expect(arm.manifestDigest == arm64 && arm.platform == "linux/arm64/v8")
        let image = try ImageSource.load(
            storeRoot: scratch + "/pulls", manifestDigest: arm.manifestDigest, description: reference)
        #expect(image.config.architecture == "arm64")
        await #expect(
            throws: RegistryError.platform(requested: "linux/s390x", available: ["linux/amd64", "linux/arm64/v8"])
        ) {
            try await pull(reference, platform: "linux/s390x")
        }
    }

    @Test func aBlobTheRegistryLostIsNamed() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: RegistryPullTests.sourceImage, as: "course/lost:1")
        let probe = try await pull(reference, platform: nil)
        let layer = try #require(probe.manifest.layers.first)
        try FileManager.default.removeItem(atPath: scratch + "/pulls")
        try FileManager.default.removeItem(atPath: registry.blobData(layer.digest))
        await #expect(
            throws: RegistryError.unknownBlob(repository: "\(registry.host)/course/lost", digest: layer.digest)
        ) {
            try await pull(reference, platform: nil)
        }
        // the lost blob leaves nothing; a sibling download the failure cancelled may keep its bytes for a
        // resume, but never an empty file
        let ingest = scratch + "/pulls/ingest"
        let left = (try? FileManager.default.contentsOfDirectory(atPath: ingest)) ?? []
        #expect(!left.contains(layer.digest.replacingOccurrences(of: ":", with: "-") + ".partial"))
        for name in left {
            let size = try FileManager.default.attributesOfItem(atPath: ingest + "/" + name)[.size] as? Int
            #expect(size ?? 0 > 0, "\(name) is empty")
        }
    }
}
