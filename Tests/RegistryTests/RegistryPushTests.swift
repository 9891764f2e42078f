import Foundation
import Image
import Spawn
import TestSupport
import Testing

@testable import Registry

/// Pushes into Debian's docker-registry on loopback and reads back: the same figures as the source, blobs
/// that are there not sent again, mounts within a registry, chunked uploads, auth.
@Suite(
    .ownThreads,
    .enabled(if: LoopbackRegistry.isAvailable && DockerEngine.isAvailable, "needs docker-registry and an engine"))
struct RegistryPushTests {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gym-push-\(UUID().uuidString)").path

    func push(
        _ image: LoadedImage, to reference: String, mountFrom: String? = nil, chunkSize: Int64? = nil,
        options: RegistryOptions = RegistryOptions()
    ) async throws -> PushResult {
        let blobs = try image.blobs()
        let reference = try RegistryReference(parsing: reference)
        return try await RegistryClient.with(options) { client throws(RegistryError) in
            try await client.push(blobs, to: reference, mountFrom: mountFrom, chunkSize: chunkSize)
        }
    }

    func layersJSON(_ reference: String, options: RegistryOptions = RegistryOptions()) async throws -> String {
        let store = try BlobStore(root: scratch + "/store-\(UUID().uuidString)")
        let target = try RegistryReference(parsing: reference)
        // the client is shut down whether the pull succeeds or throws (one left open aborts the test process)
        let pulled = try await RegistryClient.with(options) { client throws(RegistryError) in
            try await client.pull(target, platform: nil, into: store)
        }
        let image = try ImageSource.load(
            storeRoot: store.root, manifestDigest: pulled.manifestDigest, description: reference)
        return try LayersReporter.json(try ImageAnalyzer.analyze(image, verify: true).0)
    }

    func savedArchive() throws -> String {
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let path = scratch + "/image.tar"
        try LoopbackRegistry.shell("docker save -o '\(path)' '\(RegistryPullTests.sourceImage)'")
        return path
    }

    @Test func anArchiveGoesUpOnceAndReadsBackTheSame() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let archive = try savedArchive()
        let source = try ImageSource.load(archive)
        let expected = try LayersReporter.json(try ImageAnalyzer.analyze(source, verify: true).0)
        let first = try await push(source, to: "\(registry.host)/course/pushed:1")
        let layerCount = try source.blobs().layers.count
        #expect(first.uploaded == layerCount + 1 && first.existing == 0)
        #expect(first.manifestDigest == (try source.blobs().manifestDigest), "the source's manifest, byte for byte")
        #expect(try await layersJSON("\(registry.host)/course/pushed:1") == expected)

        let second = try await push(try ImageSource.load(archive), to: "\(registry.host)/course/pushed:2")
        #expect(second.uploaded == 0 && second.existing == layerCount + 1)

        let mounted = try await push(
            try ImageSource.load(archive), to: "\(registry.host)/elsewhere/copy:1", mountFrom: "course/pushed")
        #expect(mounted.mounted == layerCount + 1 && mounted.uploaded == 0)
        #expect(try await layersJSON("\(registry.host)/elsewhere/copy:1") == expected)
    }

    @Test func chunkedUploadsAndALegacyArchive() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let archive = try savedArchive()
        let expected = try LayersReporter.json(try ImageAnalyzer.analyze(try ImageSource.load(archive), verify: true).0)
        let chunked = try await push(
            try ImageSource.load(archive), to: "\(registry.host)/course/chunked:1", chunkSize: 3_000_000)
        #expect(chunked.uploaded >= 2)
        #expect(try await layersJSON("\(registry.host)/course/chunked:1") == expected)

        // docker's older archive form: manifest.json only, no index.json, so gym writes the manifest
        try LoopbackRegistry.shell(
            "cd '\(scratch)' && mkdir legacy && tar -xf image.tar -C legacy && rm -f legacy/index.json legacy/oci-layout "
                + "&& tar -cf legacy.tar -C legacy .")
        let legacy = try ImageSource.load(scratch + "/legacy.tar")
        let result = try await push(legacy, to: "\(registry.host)/course/legacy:1")
        #expect(result.manifestDigest == (try legacy.blobs().manifestDigest))
        #expect(try await layersJSON("\(registry.host)/course/legacy:1") == expected)
    }

    @Test func pushingNeedsTheRegistrysCredentials() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry(user: ("instructor", "s3cret"), tls: true)
        let ca = try #require(registry.caCertificate)
        let archive = try savedArchive()
        let anonymous = RegistryOptions(
            credentials: CredentialSource(configPath: scratch + "/none.json"), caCertificate: ca)
        await #expect(throws: RegistryError.self) {
            try await push(try ImageSource.load(archive), to: "\(registry.host)/course/private:1", options: anonymous)
        }
        let authorized = RegistryOptions(
            credentials: CredentialSource(explicit: Credentials(username: "instructor", password: "s3cret")),
            caCertificate: ca)
        let result = try await push(
            try ImageSource.load(archive), to: "\(registry.host)/course/private:1", options: authorized)
        #expect(result.uploaded >= 2)
        #expect(
            try await layersJSON("\(registry.host)/course/private:1", options: authorized)
                == LayersReporter.json(try ImageAnalyzer.analyze(try ImageSource.load(archive), verify: true).0))
    }
}
