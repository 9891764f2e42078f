import Foundation
import Image

/// Where an image is read from. A reference may say it with a prefix, as syft's do: `registry:`,
/// `docker:` (the engine), `docker-archive:`, `oci-dir:` / `oci-archive:`.
public enum ImageSourceKind: String, CaseIterable, Sendable {
    case registry, engine, archive, oci
}

/// Finds an image wherever it is: a file (docker-archive, OCI tar), an OCI layout directory, the engine, or a
/// registry (pulled into the blob store first, then read from there).
public enum ImageLocator {
    /// The source a reference names by prefix, and the rest of it.
    public static func split(_ text: String) -> (ImageSourceKind?, String) {
        let prefixes: [(String, ImageSourceKind)] = [
            ("registry:", .registry), ("docker:", .engine), ("engine:", .engine), ("docker-archive:", .archive),
            ("archive:", .archive), ("oci-dir:", .oci), ("oci-archive:", .oci), ("oci:", .oci),
        ]
        for (prefix, kind) in prefixes where text.hasPrefix(prefix) {
            return (kind, String(text.dropFirst(prefix.count)))
        }
        return (nil, text)
    }

    /// Loads the image `text` names. With no source given (by `source` or a prefix), a path that exists is a
    /// file or layout, anything else an image in the engine.
    public static func load(
        _ text: String, source: ImageSourceKind? = nil, platform: String? = nil,
        options: RegistryOptions = RegistryOptions(), progress: @escaping @Sendable (PullProgress) -> Void = { _ in }
    ) async throws -> LoadedImage {
        let (prefixed, rest) = split(text)
        switch source ?? prefixed {
        case .registry:
            let reference = try RegistryReference(parsing: rest)
            let store = try BlobStore.standard()
            let pulled = try await pull(
                reference, platform: platform, into: store, options: options, progress: progress)
            var image = try ImageSource.load(
                storeRoot: store.root, manifestDigest: pulled.manifestDigest,
                description: "registry image \(reference.registry)/\(reference.repository)@\(pulled.manifestDigest)")
            // the pull hashed each blob it fetched as it streamed in; the reader checks the diff IDs
            image.verifiedBlobDigests = Set(pulled.fetchedDigests)
            return image
        case .engine, .archive, .oci, nil:
            return try ImageSource.load(rest, platform: platform)
        }
    }

    /// Reads the image `text` names with `body`, found as `load` finds it. An image in a registry is read while
    /// it is pulled: each layer as soon as its blob is in the store, so reading the first layers overlaps
    /// fetching the rest. `body` runs on a thread of its own (it waits for blobs). A failed pull is the error,
    /// even when `body` stopped for want of a blob first. Blobs go to `store` (default: gym's own).
    public static func read<T: Sendable>(
        _ text: String, source: ImageSourceKind? = nil, platform: String? = nil,
        options: RegistryOptions = RegistryOptions(), store: BlobStore? = nil,
        progress: @escaping @Sendable (PullProgress) -> Void = { _ in },
        _ body: @escaping @Sendable (LoadedImage) throws -> T
    ) async throws -> T {
        let (prefixed, rest) = split(text)
        guard (source ?? prefixed) == .registry else {
            return try body(try await load(text, source: source, platform: platform, options: options))
        }
        let reference = try RegistryReference(parsing: rest)
        let store = try store ?? BlobStore.standard()
        let outcome = try await RegistryClient.with(options) {
            client throws(RegistryError) -> Result<T, any Error> in
            let resolved = try await client.resolve(reference, platform: platform, into: store)
            // the config first: it says what each layer is
            try await client.fetchBlob(reference, descriptor: resolved.manifest.config, into: store)
            // what the pull fetches now it verifies as it streams in; the reader checks the diff IDs
            let fetching = resolved.manifest.layers.filter { !store.contains($0.digest, size: $0.size) }
            let arrivals = BlobArrivals()
            let named = "registry image \(reference.registry)/\(reference.repository)@\(resolved.manifestDigest)"
            var image: LoadedImage
            do {
                image = try ImageSource.load(
                    storeRoot: store.root, manifestDigest: resolved.manifestDigest, description: named,
                    arrivals: arrivals)
            } catch {
                return .failure(error)
            }
            image.verifiedBlobDigests = Set(fetching.map(\.digest))
            let loaded = image
            async let reading = onThread { Result { try body(loaded) } }
            var failure: RegistryError?
            do throws(RegistryError) {
                _ = try await client.fetchBlobs(
                    of: resolved, into: store, progress: progress, arrived: { arrivals.arrived($0) })
                arrivals.end("the pull ended without this blob")
            } catch {
                arrivals.end("the pull failed: \(error)")
                failure = error
            }
            let read = await reading
            if let failure { throw failure }
            return read
        }
        return try outcome.get()
    }

    /// Runs `work` on a thread of its own (it may wait on other threads: not on the cooperative pool).
    static func onThread<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread { continuation.resume(returning: work()) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Pulls `reference` into `store` with a client of its own (see `RegistryClient.pull`).
    public static func pull(
        _ reference: RegistryReference, platform: String?, into store: BlobStore, options: RegistryOptions,
        progress: @escaping @Sendable (PullProgress) -> Void = { _ in }
    ) async throws(RegistryError) -> PulledImage {
        try await RegistryClient.with(options) { client throws(RegistryError) in
            try await client.pull(reference, platform: platform, into: store, progress: progress)
        }
    }
}
