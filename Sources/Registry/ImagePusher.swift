import AsyncHTTPClient
import Foundation
import Image
import NIOCore
import NIOHTTP1
import Synchronization

/// What a push did.
public struct PushResult: Sendable, Encodable {
    public var reference: String
    public var manifestDigest: String
    /// Blobs sent, and their bytes.
    public var uploaded: Int
    public var uploadedBytes: Int64
    /// Blobs the registry had already (HEAD), and blobs it linked from another repository (mount).
    public var existing: Int
    public var mounted: Int
}

extension RegistryClient {
    /// Pushes an image's blobs and then its manifest: blobs the repository has are skipped (HEAD), blobs in
    /// `mountFrom` (a repository of the same registry) are mounted instead of sent, the rest are uploaded in one
    /// PUT, or in PATCH chunks of `chunkSize` bytes when the blob is larger than that. The manifest goes last,
    /// so a reader never sees a tag whose blobs are missing.
    public func push(
        _ image: ImageBlobs, to reference: RegistryReference, mountFrom: String? = nil, chunkSize: Int64? = nil,
        progress: @escaping @Sendable (PullProgress) -> Void = { _ in }
    ) async throws(RegistryError) -> PushResult {
        let base = try await base(reference)
        let scope = "repository:\(reference.repository):pull,push"
        var seen = Set<String>()
        let pending: [(digest: String, size: Int64, layer: ImageBlobs.Blob?)] =
            ([(image.configDigest, Int64(image.config.count), nil)] + image.layers.map { ($0.digest, $0.size, $0) })
            .filter { seen.insert($0.digest).inserted }
        let tracker = TransferProgress(
            totalBytes: pending.reduce(0) { $0 + $1.size }, totalBlobs: pending.count, report: progress)
        let tally = PushCounters()
        try await concurrently(pending, url: base) { blob throws(RegistryError) in
            let outcome = try await self.pushBlob(
                blob.digest, size: blob.size, layer: blob.layer, config: image.config, base: base,
                reference: reference, scope: scope, mountFrom: mountFrom, chunkSize: chunkSize
            ) { tracker.written(blob.digest, $0) }
            tally.state.withLock {
                switch outcome {
                case .existed: $0.existing += 1
                case .mounted: $0.mounted += 1
                case .uploaded:
                    $0.uploaded += 1
                    $0.bytes += blob.size
                }
            }
            tracker.finished(blob.digest, size: blob.size)
        }
        let tag = reference.tag ?? image.manifestDigest
        let url = base + "/v2/\(reference.repository)/manifests/\(tag)"
        let manifest = image.manifest
        let response = try await send(
            .PUT, url, reference: reference, scope: scope, headers: [("Content-Type", image.manifestMediaType)],
            body: { () throws(RegistryError) -> HTTPClientRequest.Body in .bytes(ByteBuffer(bytes: manifest)) })
        guard response.status == .created || response.status == .ok else {
            throw .unexpectedStatus(
                url: url, status: Int(response.status.code), body: try await errorText(response, url: url))
        }
        if let stored = response.headers.first(name: "Docker-Content-Digest"), stored != image.manifestDigest {
            throw .digestMismatch(what: "pushed manifest \(reference)", expected: image.manifestDigest, actual: stored)
        }
        let counts = tally.state.withLock { $0 }
        return PushResult(
            reference: reference.description, manifestDigest: image.manifestDigest, uploaded: counts.uploaded,
            uploadedBytes: counts.bytes, existing: counts.existing, mounted: counts.mounted)
    }

    enum BlobOutcome { case existed, mounted, uploaded }

    func pushBlob(
        _ digest: String, size: Int64, layer: ImageBlobs.Blob?, config: [UInt8], base: String,
        reference: RegistryReference, scope: String, mountFrom: String?, chunkSize: Int64?,
        progress: @escaping @Sendable (Int64) -> Void
    ) async throws(RegistryError) -> BlobOutcome {
        let repository = reference.repository
        let head = try await send(.HEAD, base + "/v2/\(repository)/blobs/\(digest)", reference: reference, scope: scope)
        if head.status == .ok { return .existed }
        var start = base + "/v2/\(repository)/blobs/uploads/"
        if let mountFrom, mountFrom != repository {
            start += "?mount=\(digest)&from=\(mountFrom)"
        }
        let opened = try await send(.POST, start, reference: reference, scope: scope)
        if opened.status == .created { return .mounted }
        guard opened.status == .accepted, var location = opened.headers.first(name: "Location") else {
            throw .unexpectedStatus(
                url: start, status: Int(opened.status.code), body: try await errorText(opened, url: start))
        }
        location = Self.resolve(location, base: base)

        func body(offset: Int64, length: Int64) -> @Sendable () throws(RegistryError) -> HTTPClientRequest.Body {
            { () throws(RegistryError) -> HTTPClientRequest.Body in
                guard let layer else {
                    return .bytes(ByteBuffer(bytes: config[Int(offset)..<Int(offset + length)]))
                }
                let reader: ImageBlobs.Reader
                do throws(ImageError) {
                    reader = try ImageBlobs.reader(layer, offset: offset, length: length)
                } catch {
                    throw .io(path: digest, reason: error.description)
                }
                return .stream(BlobChunks(reader: reader, start: offset, progress: progress), length: .known(length))
            }
        }
        let chunk = chunkSize.map { max(1, $0) } ?? Int64.max
        if size > chunk {
            var offset: Int64 = 0
            while offset < size {
                let length = min(chunk, size - offset)
                let response = try await send(
                    .PATCH, location, reference: reference, scope: scope,
                    headers: [
                        ("Content-Type", "application/octet-stream"),
                        ("Content-Range", "\(offset)-\(offset + length - 1)"),
                    ], body: body(offset: offset, length: length))
                guard response.status == .accepted, let next = response.headers.first(name: "Location") else {
                    throw .unexpectedStatus(
                        url: location, status: Int(response.status.code),
                        body: try await errorText(response, url: location))
                }
                location = Self.resolve(next, base: base)
                offset += length
            }
            let url = location + (location.contains("?") ? "&" : "?") + "digest=\(digest)"
            let done = try await send(.PUT, url, reference: reference, scope: scope)
            try await expectCreated(done, url: url, digest: digest)
        } else {
            let url = location + (location.contains("?") ? "&" : "?") + "digest=\(digest)"
            let done = try await send(
                .PUT, url, reference: reference, scope: scope,
                headers: [("Content-Type", "application/octet-stream")],
                body: body(offset: 0, length: size))
            try await expectCreated(done, url: url, digest: digest)
        }
        return .uploaded
    }

    func expectCreated(_ response: HTTPClientResponse, url: String, digest: String) async throws(RegistryError) {
        guard response.status == .created else {
            let body = (try? await collect(response, limit: 64 << 10, url: url)) ?? []
            if Self.errors(in: body).map(\.code).contains("DIGEST_INVALID") {
                throw .digestMismatch(
                    what: "upload of \(digest)", expected: digest, actual: "what the registry received")
            }
            throw .unexpectedStatus(
                url: url, status: Int(response.status.code), body: String(decoding: body.prefix(300), as: UTF8.self))
        }
    }

    /// An upload location may be relative to the registry.
    static func resolve(_ location: String, base: String) -> String {
        location.hasPrefix("http://") || location.hasPrefix("https://") ? location : base + location
    }
}

/// Uploaded and skipped blobs, counted by the concurrent uploads.
final class PushCounters: Sendable {
    let state = Mutex((uploaded: 0, bytes: Int64(0), existing: 0, mounted: 0))
}

/// A blob's bytes as the pieces AsyncHTTPClient streams, read from the file as they are sent.
struct BlobChunks: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let reader: ImageBlobs.Reader
    let start: Int64
    let progress: @Sendable (Int64) -> Void

    struct AsyncIterator: AsyncIteratorProtocol {
        var reader: ImageBlobs.Reader
        var sent: Int64
        let progress: @Sendable (Int64) -> Void

        mutating func next() async throws -> ByteBuffer? {
            guard let bytes = try reader.next() else { return nil }
            sent += Int64(bytes.count)
            progress(sent)
            return ByteBuffer(bytes: bytes)
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: reader, sent: start, progress: progress) }
}
