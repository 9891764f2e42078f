import Dispatch
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
    ) throws -> LoadedImage {
        let (prefixed, rest) = split(text)
        switch source ?? prefixed {
        case .registry:
            let reference = try RegistryReference(parsing: rest)
            let store = try BlobStore.standard()
            let pulled = try pull(reference, platform: platform, into: store, options: options, progress: progress)
            return try ImageSource.load(
                storeRoot: store.root, manifestDigest: pulled.manifestDigest,
                description: "registry image \(reference.registry)/\(reference.repository)@\(pulled.manifestDigest)")
        case .engine, .archive, .oci, nil:
            return try ImageSource.load(rest, platform: platform)
        }
    }

    /// Pulls `reference` into `store` from synchronous code (see `RegistryClient.pull`).
    public static func pull(
        _ reference: RegistryReference, platform: String?, into store: BlobStore, options: RegistryOptions,
        progress: @escaping @Sendable (PullProgress) -> Void = { _ in }
    ) throws(RegistryError) -> PulledImage {
        try blocking { () async throws(RegistryError) -> PulledImage in
            try await RegistryClient.with(options) { client throws(RegistryError) in
                try await client.pull(reference, platform: platform, into: store, progress: progress)
            }
        }
    }

    /// Runs async registry work from synchronous code (a command's `run`), waiting for it on this thread.
    public static func blocking<T: Sendable>(
        _ work: @escaping @Sendable () async throws(RegistryError) -> T
    ) throws(RegistryError) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do throws(RegistryError) {
                box.result = .success(try await work())
            } catch {
                box.result = .failure(error)
            }
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }
}

/// Carries a result from the task that computed it to the thread waiting on the semaphore.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, RegistryError>?
}
