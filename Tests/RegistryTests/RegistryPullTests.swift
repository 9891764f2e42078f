import Foundation
import Image
import Scan
import Spawn
import TestSupport
import Testing

@testable import Registry

/// Pulls from Debian's docker-registry on loopback, images put there by `docker push`; every figure and
/// finding must equal the same image read from a docker-archive, and every failure must leave the blob store
/// consistent (verified blobs only, no partial that can never complete).
@Suite(
    .ownThreads,
    .enabled(if: LoopbackRegistry.isAvailable && DockerEngine.isAvailable, "needs docker-registry and an engine"))
struct RegistryPullTests {
    static let sourceImage = "gym-local/debian:bookworm-slim"

    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gym-pull-\(UUID().uuidString)").path

    func store(_ name: String = "store") throws -> BlobStore { try BlobStore(root: scratch + "/" + name) }

    func pull(
        _ reference: String, into store: BlobStore, options: RegistryOptions = RegistryOptions(),
        platform: String? = nil
    ) async throws(RegistryError) -> PulledImage {
        let reference = try RegistryReference(parsing: reference)
        return try await RegistryClient.with(options) { client throws(RegistryError) in
            try await client.pull(reference, platform: platform, into: store)
        }
    }

    func contents(_ store: BlobStore) -> (blobs: Set<String>, partials: [String]) {
        let manager = FileManager.default
        let blobs = (try? manager.contentsOfDirectory(atPath: store.root + "/blobs/sha256")) ?? []
        return (
            Set(blobs.map { "sha256:" + $0 }), (try? manager.contentsOfDirectory(atPath: store.root + "/ingest")) ?? []
        )
    }

    @Test func aPulledImageReadsExactlyAsItsArchive() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: Self.sourceImage, as: "course/debian:slim")
        let store = try store()
        let pulled = try await pull(reference, into: store)
        #expect(pulled.fetchedBlobs == (pulled.manifest.layers.count ?? 0) + 1)
        let fromRegistry = try ImageSource.load(
            storeRoot: store.root, manifestDigest: pulled.manifestDigest, description: reference)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try LoopbackRegistry.shell("docker save -o '\(scratch)/image.tar' '\(reference)'")
        let fromArchive = try ImageSource.load(scratch + "/image.tar")
        let (registryAnalysis, registryTree) = try ImageAnalyzer.analyze(fromRegistry, verify: true)
        let (archiveAnalysis, archiveTree) = try ImageAnalyzer.analyze(fromArchive, verify: true)
        #expect(try LayersReporter.json(registryAnalysis) == LayersReporter.json(archiveAnalysis))
        let registryInventory = try Inventory.read(fromRegistry, tree: registryTree, analysis: registryAnalysis)
        let archiveInventory = try Inventory.read(fromArchive, tree: archiveTree, analysis: archiveAnalysis)
        #expect(registryInventory.packages.count > 50, "a Debian image lists its dpkg packages")
        #expect(registryInventory == archiveInventory)

        // a second pull fetches nothing; the OCI layout written from the store is one skopeo reads
        let again = try await pull(reference, into: store)
        #expect(again.fetchedBlobs == 0 && again.manifestDigest == pulled.manifestDigest)
        try OCILayoutWriter.write(pulled, from: store, to: scratch + "/layout")
        let fromLayout = try ImageSource.load(scratch + "/layout")
        #expect(
            try LayersReporter.json(try ImageAnalyzer.analyze(fromLayout, verify: true).0)
                == LayersReporter.json(archiveAnalysis))
        if RequiredParts.gate(present: LoopbackRegistry.skopeoPresent) {
            try LoopbackRegistry.shell("skopeo inspect 'oci:\(scratch)/layout:slim' >/dev/null")
        }
    }

    /// `ImageLocator.read` reads each layer as soon as its blob is in the store, while the pull goes on: the
    /// figures and the inventory are those of the image's archive, on a cold store and again on a warm one.
    @Test(.timeLimit(.minutes(10))) func anImageReadWhileItIsPulledReadsAsItsArchive() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: Self.sourceImage, as: "course/streamed:1")
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try LoopbackRegistry.shell("docker save -o '\(scratch)/image.tar' '\(reference)'")
        let (archiveInventory, archiveAnalysis, _) = try Inventory.read(
            try ImageSource.load(scratch + "/image.tar"), verify: true)
        let store = try store("streamed")
        for pass in ["cold", "warm"] {
            let (inventory, analysis) = try await ImageLocator.read("registry:" + reference, store: store) { image in
                let (inventory, analysis, _) = try Inventory.read(image, verify: true)
                return (inventory, try LayersReporter.json(analysis))
            }
            #expect(analysis == (try LayersReporter.json(archiveAnalysis)), "\(pass)")
            #expect(inventory == archiveInventory, "\(pass)")
            #expect(inventory.packages.count > 50, "\(pass)")
        }
        #expect(contents(store).partials.isEmpty)
    }

    /// A blob the pull refuses while the image is being read: the pull's error is the error, and the reader
    /// waiting for that blob is woken rather than left waiting.
    @Test(.timeLimit(.minutes(10))) func aPullThatFailsWhileTheImageIsReadIsTheError() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: Self.sourceImage, as: "course/streamed-bad:1")
        let probe = try await pull(reference, into: try store("probe"))
        let layer = try #require(probe.manifest.layers.last)
        let handle = try #require(FileHandle(forUpdatingAtPath: registry.blobData(layer.digest)))
        try handle.seek(toOffset: UInt64(layer.size / 2))
        try handle.write(contentsOf: Data([0xde, 0xad, 0xbe, 0xef]))
        try handle.close()
        await #expect {
            _ = try await ImageLocator.read("registry:" + reference, store: try store("fresh")) { image in
                try Inventory.read(image, verify: true).inventory
            }
        } throws: { error in
            guard case RegistryError.digestMismatch(_, let expected, _) = error else { return false }
            return expected == layer.digest
        }
    }

    @Test func aBlobTheRegistryCorruptedIsRejectedAndNotKept() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: Self.sourceImage, as: "course/tampered:1")
        let probe = try await pull(reference, into: try store("probe"))
        let layer = try #require(probe.manifest.layers.first)
        // same length, other bytes: only the digest can tell
        let data = registry.blobData(layer.digest)
        let handle = try #require(FileHandle(forUpdatingAtPath: data))
        try handle.seek(toOffset: UInt64(layer.size / 2))
        try handle.write(contentsOf: Data([0xde, 0xad, 0xbe, 0xef]))
        try handle.close()
        let fresh = try store("fresh")
        await #expect {
            try await pull(reference, into: fresh)
        } throws: { error in
            guard case RegistryError.digestMismatch(_, let expected, _) = error else { return false }
            return expected == layer.digest
        }
        let left = contents(fresh)
        #expect(!left.blobs.contains(layer.digest))
        #expect(left.partials.isEmpty, "a blob whose bytes are wrong leaves no partial download")
    }

    @Test func anInterruptedPullResumesAndAWrongPartialIsDiscarded() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: Self.sourceImage, as: "course/resume:1")
        let complete = try store("complete")
        let pulled = try await pull(reference, into: complete)
        let layer = try #require(pulled.manifest.layers.first)
        let bytes = try complete.read(layer.digest)

        // the first 40% already on disk, as an interrupted pull leaves it
        let resumed = try store("resumed")
        let partial = try resumed.ingest(digest: layer.digest, size: layer.size, what: "layer")
        try partial.append(Array(bytes[..<(bytes.count * 2 / 5)]))
        partial.suspend()
        _ = try await pull(reference, into: resumed)
        #expect(try resumed.read(layer.digest) == bytes)
        #expect(contents(resumed).partials.isEmpty)

        // a partial whose bytes are not the blob's start: the digest fails, the partial goes, the next pull works
        let poisoned = try store("poisoned")
        let wrong = try poisoned.ingest(digest: layer.digest, size: layer.size, what: "layer")
        try wrong.append(Array(repeating: 0, count: 1000))
        wrong.suspend()
        await #expect(throws: RegistryError.self) { try await pull(reference, into: poisoned) }
        #expect(contents(poisoned).partials.isEmpty)
        _ = try await pull(reference, into: poisoned)
        #expect(try poisoned.read(layer.digest) == bytes)
    }

    @Test(.timeLimit(.minutes(10))) func concurrentPullsOfOneImageShareTheStore() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: Self.sourceImage, as: "course/shared:1")
        let store = try store()
        // more pulls than threads in the pool: a download waiting for another must not hold a thread
        let pulls = try await withThrowingTaskGroup(of: PulledImage.self) { group in
            for _ in 0..<6 { group.addTask { try await pull(reference, into: store) } }
            var all: [PulledImage] = []
            for try await pulled in group { all.append(pulled) }
            return all
        }
        #expect(Set(pulls.map(\.manifestDigest)).count == 1)
        let layer = try #require(pulls.first?.manifest.layers.first)
        #expect(store.contains(layer.digest, size: layer.size))
        #expect(contents(store).partials.isEmpty)
    }

    @Test func unknownRepositoryAndTagAreNamed() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        _ = try registry.push(engineImage: Self.sourceImage, as: "course/known:1")
        let store = try store()
        await #expect(throws: RegistryError.unknownRepository("\(registry.host)/course/nothing")) {
            try await pull("\(registry.host)/course/nothing:1", into: store)
        }
        await #expect(
            throws: RegistryError.unknownManifest(
                repository: "\(registry.host)/course/known", reference: "2", tags: ["1"])
        ) {
            try await pull("\(registry.host)/course/known:2", into: store)
        }
        #expect(contents(store).blobs.isEmpty && contents(store).partials.isEmpty)
    }

    @Test func aManifestOverTheLimitIsRefused() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let registry = try LoopbackRegistry()
        let reference = try registry.push(engineImage: Self.sourceImage, as: "course/limit:1")
        await #expect(throws: RegistryError.manifestTooLarge(reference: "\(reference)", limit: 100)) {
            try await pull(reference, into: try store(), options: RegistryOptions(manifestLimit: 100))
        }
    }

    @Test func htpasswdOverTLS() async throws {
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let plain = try LoopbackRegistry()
        let source = try plain.push(engineImage: Self.sourceImage, as: "course/private:1")
        let registry = try LoopbackRegistry(user: ("student", "correct horse"), tls: true)
        try LoopbackRegistry.shell(
            "skopeo copy -q --src-tls-verify=false --dest-tls-verify=false --dest-creds 'student:correct horse' "
                + "docker://\(source) docker://\(registry.host)/course/private:1")
        let reference = "\(registry.host)/course/private:1"
        let ca = try #require(registry.caCertificate)
        let none = CredentialSource(configPath: scratch + "/no-config.json")

        // anonymous: the error says what was tried
        await #expect {
            try await pull(reference, into: try store(), options: RegistryOptions(credentials: none, caCertificate: ca))
        } throws: { error in
            guard case RegistryError.unauthorized(let host, let tried, _) = error else { return false }
            return host == registry.host && tried == "anonymous access"
        }
        // a wrong password
        let wrong = CredentialSource(explicit: Credentials(username: "student", password: "wrong"))
        await #expect {
            try await pull(
                reference, into: try store(), options: RegistryOptions(credentials: wrong, caCertificate: ca))
        } throws: { error in
            guard case RegistryError.unauthorized(_, let tried, _) = error else { return false }
            return tried.contains("basic")
        }
        // the right one, but the CA not trusted: a TLS failure, nothing stored
        let right = CredentialSource(explicit: Credentials(username: "student", password: "correct horse"))
        let untrusted = try store("untrusted")
        await #expect(throws: RegistryError.self) {
            try await pull(reference, into: untrusted, options: RegistryOptions(credentials: right))
        }
        #expect(contents(untrusted).blobs.isEmpty)
        // both: the same image as the plain registry's
        let trusted = try await pull(
            reference, into: try store(), options: RegistryOptions(credentials: right, caCertificate: ca))
        let original = try await pull(source, into: try store("original"))
        #expect(trusted.manifest.layers == original.manifest.layers)
    }
}

/// A loopback server speaking the distribution protocol: one that stalls, loops, floods or refuses tokens, and one
/// image behind docker's bearer token protocol.
@Suite(.ownThreads, .enabled(if: Spawn.Subprocess.executable(named: "python3") != nil, "needs python3"))
struct RegistryProtocolTests {
    /// Pulls into a fresh store and checks, whatever happened, that the store holds only blobs whose bytes
    /// hash to their names and no partial download.
    func pull(_ reference: String, options: RegistryOptions) async throws(RegistryError) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gym-err-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try BlobStore(root: root)
        defer { Self.expectConsistent(store) }
        let reference = try RegistryReference(parsing: reference)
        _ = try await RegistryClient.with(options) { client throws(RegistryError) in
            try await client.pull(reference, platform: nil, into: store)
        }
    }

    static func expectConsistent(_ store: BlobStore) {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: store.root + "/blobs/sha256")) ?? [] {
            let bytes = (try? store.read("sha256:" + name)) ?? []
            #expect(RegistryClient.sha256(bytes) == "sha256:" + name, "blob \(name) holds other bytes")
        }
        #expect(((try? manager.contentsOfDirectory(atPath: store.root + "/ingest")) ?? []).isEmpty)
    }

    @Test func aStalledRegistryTimesOut() async throws {
        let server = try MisbehavingRegistry()
        await #expect {
            try await pull("\(server.host)/stall/app:1", options: RegistryOptions(readTimeout: 1))
        } throws: { error in
            guard case RegistryError.transport(_, let reason) = error else { return false }
            return reason.contains("stopped sending")
        }
    }

    @Test func aRedirectLoopIsNamed() async throws {
        let server = try MisbehavingRegistry()
        await #expect {
            try await pull("\(server.host)/loop/app:1", options: RegistryOptions())
        } throws: { error in
            guard case RegistryError.transport(_, let reason) = error else { return false }
            return reason.contains("redirect")
        }
    }

    @Test func anEndlessManifestIsCutOff() async throws {
        let server = try MisbehavingRegistry()
        await #expect(throws: RegistryError.manifestTooLarge(reference: "\(server.host)/huge/app:1", limit: 4 << 20)) {
            try await pull("\(server.host)/huge/app:1", options: RegistryOptions())
        }
    }

    @Test func aRefusedTokenSaysWhatWasTried() async throws {
        let server = try MisbehavingRegistry()
        await #expect {
            try await pull(
                "\(server.host)/token/app:1",
                options: RegistryOptions(credentials: CredentialSource(configPath: "/nonexistent/config.json")))
        } throws: { error in
            guard case RegistryError.unauthorized(_, let tried, let answer) = error else { return false }
            return tried.contains("anonymous token") && answer.contains("no anonymous pulls")
        }
    }

    @Test func aBearerTokenIsFetchedWithTheCredentialsAndTheScope() async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("gym-tokens-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        let server = try MisbehavingRegistry(log: log)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gym-bearer-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = try BlobStore(root: root)
        let bearer = try RegistryReference(parsing: "\(server.host)/bearer/app:1")
        let pulled = try await RegistryClient.with(
            RegistryOptions(credentials: CredentialSource(explicit: Credentials(username: "ci", password: "pw")))
        ) { client throws(RegistryError) in try await client.pull(bearer, platform: nil, into: store) }
        #expect(pulled.fetchedBlobs == 2)
        let image = try ImageSource.load(storeRoot: root, manifestDigest: pulled.manifestDigest, description: "bearer")
        let (analysis, _) = try ImageAnalyzer.analyze(image, verify: true)
        #expect(analysis.layers.count == 1)
        // one token, asked for once with basic credentials, reused for the manifest and both blobs
        let requests = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(requests.count == 1)
        #expect(requests.first?.contains("Basic Y2k6cHc=") == true)

        let wrongStore = try BlobStore(root: root + "-wrong")
        await #expect {
            _ = try await RegistryClient.with(
                RegistryOptions(credentials: CredentialSource(explicit: Credentials(username: "ci", password: "no")))
            ) { client throws(RegistryError) in try await client.pull(bearer, platform: nil, into: wrongStore) }
        } throws: { error in
            guard case RegistryError.unauthorized(_, let tried, _) = error else { return false }
            return tried.contains("a token from") && tried.contains("as ci")
        }
        try? FileManager.default.removeItem(atPath: root + "-wrong")
    }

    /// This machine's own name when it resolves to loopback addresses only (sandboxes and many hosts map it
    /// there): a name gym does not recognise as loopback, whose traffic still stays on this machine.
    static let loopbackAlias: String? = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return nil }
        let name = String(cString: buffer)
        guard !name.isEmpty, name != "localhost", let reference = try? RegistryReference(parsing: name + ":1/a"),
            !reference.isLoopback
        else { return nil }
        var hints = addrinfo()
        hints.ai_family = AF_INET
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            let ipv4 = entry.pointee.ai_addr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee }
            guard UInt32(bigEndian: ipv4.sin_addr.s_addr) >> 24 == 127 else { return nil }
            cursor = entry.pointee.ai_next
        }
        return name
    }()

    @Test(.enabled(if: loopbackAlias != nil, "this machine's name does not resolve to loopback"))
    func plainHTTPToAHostNotNamedLoopbackNeedsInsecure() async throws {
        let server = try MisbehavingRegistry()
        let alias = try #require(Self.loopbackAlias)
        let host = alias + ":" + String(try #require(server.host.split(separator: ":").last))
        let credentials = CredentialSource(explicit: Credentials(username: "ci", password: "pw"))
        await #expect(throws: RegistryError.insecureRefused(host: host)) {
            try await pull(
                "\(host)/bearer/app:1",
                options: RegistryOptions(credentials: credentials, connectTimeout: 2, readTimeout: 2))
        }
        try await pull(
            "\(host)/bearer/app:1",
            options: RegistryOptions(credentials: credentials, insecure: true, connectTimeout: 2, readTimeout: 2))
    }
}
