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
