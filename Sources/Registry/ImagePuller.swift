import Foundation
import Image

/// How far a pull is: bytes and blobs.
public struct PullProgress: Sendable {
    public var completedBytes: Int64
    public var totalBytes: Int64
    public var completedBlobs: Int
    public var totalBlobs: Int
}

/// An image's manifest, resolved from a reference (chosen from an index by platform) and put in the blob store:
/// what a pull fetches the blobs of.
public struct ResolvedImage: Sendable {
    public var reference: RegistryReference
    /// The digest the reference resolved to (an index's when the tag names one).
    public var resolvedDigest: String
    public var manifestDigest: String
    public var manifestBytes: Int64
    public var manifestMediaType: String
    public var manifest: Manifest
    /// The index it was chosen from, when the reference names one.
    public var indexDigest: String?
    public var platform: String?
}

/// An image pulled into the blob store: its manifest (chosen from an index by platform) and what it refers to.
public struct PulledImage: Sendable {
    public var resolved: ResolvedImage
    /// The blobs fetched this time (the rest were in the store already): each was verified as it streamed in.
    public var fetchedDigests: [String]
    public var fetchedBytes: Int64

    public var reference: RegistryReference { resolved.reference }
    public var resolvedDigest: String { resolved.resolvedDigest }
    public var manifestDigest: String { resolved.manifestDigest }
    public var manifestBytes: Int64 { resolved.manifestBytes }
    public var manifestMediaType: String { resolved.manifestMediaType }
    public var manifest: Manifest { resolved.manifest }
    public var indexDigest: String? { resolved.indexDigest }
    public var platform: String? { resolved.platform }
    public var fetchedBlobs: Int { fetchedDigests.count }
}

extension RegistryClient {
    /// Pulls `reference` into `store`: manifest negotiation (OCI index or manifest, Docker manifest list or
    /// schema 2 manifest), the platform's manifest from an index, then the config and layers, several at a time,
    /// each verified as it streams. Blobs already in the store are not fetched again.
    public func pull(
        _ reference: RegistryReference, platform: String?, into store: BlobStore,
        progress: @escaping @Sendable (PullProgress) -> Void = { _ in }
    ) async throws(RegistryError) -> PulledImage {
        let resolved = try await resolve(reference, platform: platform, into: store)
        return try await fetchBlobs(of: resolved, into: store, progress: progress)
    }

    /// The manifest `reference` names for `platform`, put in `store` (an index too, when it names one).
    public func resolve(
        _ reference: RegistryReference, platform: String?, into store: BlobStore
    ) async throws(RegistryError) -> ResolvedImage {
        let top = try await manifest(reference)
        try store.put(top.bytes, digest: top.digest, what: "manifest \(reference)")
        var manifestDigest = top.digest
        var manifestBytes = Int64(top.bytes.count)
        var indexDigest: String?
        var chosenPlatform: String?
        let manifest: Manifest
        var mediaType: String
        switch try Self.decode(top.bytes, reference: reference.description) {
        case .manifest(let single):
            manifest = single
            mediaType = single.mediaType ?? top.mediaType ?? MediaType.ociManifest
        case .index(let index):
            let choice = index.choice(platform: platform)
            guard !choice.isEmpty else {
                throw .badManifest(reference: reference.description, reason: "the index lists no image")
            }
            guard let descriptor = choice.chosen else {
                throw .platform(requested: choice.wanted, available: choice.available)
            }
            let inner = try await self.manifest(reference, at: descriptor.digest)
            try store.put(inner.bytes, digest: inner.digest, what: "manifest \(descriptor.digest)")
            indexDigest = top.digest
            guard case .manifest(let chosen) = try Self.decode(inner.bytes, reference: descriptor.digest) else {
                throw .badManifest(reference: descriptor.digest, reason: "an index inside an index is not an image")
            }
            manifest = chosen
            manifestDigest = inner.digest
            manifestBytes = Int64(inner.bytes.count)
            mediaType = chosen.mediaType ?? descriptor.mediaType
            chosenPlatform = descriptor.platform?.name
        }
        return ResolvedImage(
            reference: reference, resolvedDigest: top.digest, manifestDigest: manifestDigest,
            manifestBytes: manifestBytes, manifestMediaType: mediaType, manifest: manifest, indexDigest: indexDigest,
            platform: chosenPlatform)
    }

    /// Fetches the config and layers of `resolved` into `store`, several at a time, each verified as it streams;
    /// `arrived` hears of each blob once it is in the store (at once for those there already).
    public func fetchBlobs(
        of resolved: ResolvedImage, into store: BlobStore,
        progress: @escaping @Sendable (PullProgress) -> Void = { _ in },
        arrived: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(RegistryError) -> PulledImage {
        let reference = resolved.reference
        let blobs = [resolved.manifest.config] + resolved.manifest.layers
        let missing = blobs.filter { !store.contains($0.digest, size: $0.size) }
        let missingDigests = Set(missing.map(\.digest))
        for blob in blobs where !missingDigests.contains(blob.digest) { arrived(blob.digest) }
        let total = missing.reduce(0) { $0 + $1.size }
        let tracker = TransferProgress(totalBytes: total, totalBlobs: missing.count, report: progress)
        tracker.send()
        try await concurrently(missing, url: reference.description) { descriptor throws(RegistryError) in
            try await self.fetchBlob(reference, descriptor: descriptor, into: store) {
                tracker.written(descriptor.digest, $0)
            }
            tracker.finished(descriptor.digest, size: descriptor.size)
            arrived(descriptor.digest)
        }
        return PulledImage(resolved: resolved, fetchedDigests: missing.map(\.digest), fetchedBytes: total)
    }

    static func decode(_ bytes: [UInt8], reference: String) throws(RegistryError) -> ManifestDocument {
        do {
            return try ManifestDocument.decode(bytes)
        } catch {
            throw .badManifest(reference: reference, reason: error.description)
        }
    }
}
