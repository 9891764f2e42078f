import Base
import Foundation
import Storage

/// A content-addressed store of blobs (layers, configs, manifests), shared by every command: a blob lives at
/// `blobs/ALGORITHM/HEX`, the way an OCI layout keeps them, and is there only once its bytes were hashed to its
/// name. Downloads grow in `ingest/` and resume from where they stopped; a blob whose bytes do not match is
/// deleted, never kept.
public struct BlobStore: Sendable {
    public let root: String

    public init(root: String) throws(RegistryError) {
        self.root = root
        for directory in [root + "/blobs/sha256", root + "/ingest"] {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .io(path: directory, reason: "cannot create the blob store: \(error.localizedDescription)")
            }
        }
    }

    /// The store in gym's home: `$GYM_HOME/blobs`, else `$HOME/.gym/blobs`.
    public static func standard() throws(RegistryError) -> BlobStore {
        try BlobStore(root: GymHome.directory + "/blobs")
    }

    /// Where the blob is (or would be), relative to `root`.
    public static func relativePath(_ digest: String) throws(RegistryError) -> String {
        guard RegistryReference.isDigest(digest), digest.hasPrefix("sha256:") else {
            throw .badManifest(reference: digest, reason: "not a sha256 digest")
        }
        return "blobs/sha256/" + digest.dropFirst("sha256:".count)
    }

    public func path(_ digest: String) throws(RegistryError) -> String { root + "/" + (try Self.relativePath(digest)) }

    /// Whether the store holds the blob with the expected size.
    public func contains(_ digest: String, size: Int64?) -> Bool {
        guard let path = try? path(digest),
            let attributes = try? FileManager.default.attributesOfItem(atPath: path),
            let length = attributes[.size] as? Int64
        else { return false }
        return size == nil || size == length
    }

    public func read(_ digest: String) throws(RegistryError) -> [UInt8] {
        let path = try path(digest)
        guard let data = FileManager.default.contents(atPath: path) else { throw .io(path: path, reason: "missing") }
        return [UInt8](data)
    }

    /// Stores bytes already in memory (a manifest, a config) after checking they hash to `digest`.
    public func put(_ bytes: [UInt8], digest: String, what: String) throws(RegistryError) {
        let writer = try ingest(digest: digest, size: Int64(bytes.count), what: what, resume: false)
        try writer.append(bytes)
        try writer.commit()
    }

    /// Opens the download of one blob. An earlier partial download is kept (`offset` says how much) when
    /// `resume` is true; another writer of the same blob (this process or another) is waited for.
    public func ingest(
        digest: String, size: Int64?, what: String, resume: Bool = true
    ) throws(RegistryError)
        -> BlobWriter
    {
        let target = try path(digest)
        let partial = root + "/ingest/" + digest.replacingOccurrences(of: ":", with: "-") + ".partial"
        return try BlobWriter(
            partial: partial, target: target, digest: digest, size: size, what: what, resume: resume, wait: true)!
    }

    /// As `ingest`, but nil at once when another writer holds the blob: a download that awaits the network
    /// while holding the lock must not be waited for on a thread the awaiting task may need.
    public func tryIngest(digest: String, size: Int64?, what: String) throws(RegistryError) -> BlobWriter? {
        let target = try path(digest)
        let partial = root + "/ingest/" + digest.replacingOccurrences(of: ":", with: "-") + ".partial"
        return try BlobWriter(
            partial: partial, target: target, digest: digest, size: size, what: what, resume: true, wait: false)
    }

    /// What emptying the store freed.
    public struct Cleanup: Encodable, Sendable {
        public var blobStore: String
        public var freedBytes: Int64
    }

    /// Deletes every blob and partial download.
    public func clean() throws(RegistryError) -> Cleanup {
        var freed: Int64 = 0
        for directory in [root + "/blobs", root + "/ingest"] {
            guard let walker = FileManager.default.enumerator(atPath: directory) else { continue }
            while let relative = walker.nextObject() as? String {
                let path = directory + "/" + relative
                if let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                    attributes[.type] as? FileAttributeType == .typeRegular
                {
                    freed += (attributes[.size] as? Int64) ?? 0
                }
            }
            do {
                try FileManager.default.removeItem(atPath: directory)
            } catch {
                throw .io(path: directory, reason: "cannot remove: \(error.localizedDescription)")
            }
        }
        _ = try BlobStore(root: root)
        return Cleanup(blobStore: root, freedBytes: freed)
    }
}

/// One blob being written into the store: bytes are hashed as they arrive; `commit` moves the file into
/// place only when digest and size match, and deletes it otherwise.
public final class BlobWriter: @unchecked Sendable {
    public let digest: String
    public let expectedSize: Int64?
    /// Bytes already on disk from an earlier, interrupted download (ask the registry for the rest).
    public private(set) var offset: Int64
    let partial: String
    let target: String
    let what: String
    private let descriptor: Int32
    private var hasher = SHA256()
    private var finished = false

    init?(
        partial: String, target: String, digest: String, size: Int64?, what: String, resume: Bool, wait: Bool
    ) throws(RegistryError) {
        self.partial = partial
        self.target = target
        self.digest = digest
        self.expectedSize = size
        self.what = what
        var fd: Int32
        while true {
            fd = open(partial, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw .io(path: partial, reason: String(cString: strerror(errno))) }
            // one writer per blob across processes and tasks: the second waits (or steps back), then finds
            // the blob in place or resumes
            guard flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) == 0 else {
                let code = errno
                close(fd)
                if code == EWOULDBLOCK { return nil }
                throw .io(path: partial, reason: "cannot lock: \(String(cString: strerror(code)))")
            }
            // the writer this one waited for may have removed or renamed the file it locked: lock the file
            // that is at the path now, or the bytes written here could never be committed
            if Self.isStillAtPath(fd, partial) { break }
            close(fd)
        }
        descriptor = fd
        offset = 0
        if !resume { ftruncate(fd, 0) }
        // re-hash what an earlier run left, so the digest covers the whole blob
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            buffer.withUnsafeBytes { hasher.update(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
            offset += Int64(count)
        }
        if let size, offset > size {
            ftruncate(fd, 0)
            lseek(fd, 0, SEEK_SET)
            hasher = SHA256()
            offset = 0
        }
    }

    /// Starts over from byte 0 (the registry ignored the range and sends the whole blob).
    public func restart() throws(RegistryError) {
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw .io(path: partial, reason: String(cString: strerror(errno)))
        }
        hasher = SHA256()
        offset = 0
    }

    /// Whether the finished blob is already in the store (another process put it there).
    public var alreadyStored: Bool { FileManager.default.fileExists(atPath: target) }

    public func append(_ bytes: [UInt8]) throws(RegistryError) {
        do {
            try bytes.withUnsafeBytes { raw in try append(raw) }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .io(path: partial, reason: "\(error)")
        }
    }

    public func append(_ bytes: UnsafeRawBufferPointer) throws(RegistryError) {
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            guard count > 0 else {
                let reason = String(cString: strerror(errno))
                discard()
                throw .io(path: partial, reason: "write failed: \(reason)")
            }
            written += count
        }
        hasher.update(bytes)
        offset += Int64(bytes.count)
        if let expectedSize, offset > expectedSize {
            discard()
            throw .sizeMismatch(what: what, expected: expectedSize, actual: offset)
        }
    }

    /// Checks size and digest and moves the blob into place; a mismatch deletes the bytes.
    public func commit() throws(RegistryError) {
        let actual = "sha256:" + hasher.finalizeHex()
        if let expectedSize, offset != expectedSize {
            discard()
            throw .sizeMismatch(what: what, expected: expectedSize, actual: offset)
        }
        guard actual == digest else {
            discard()
            throw .digestMismatch(what: what, expected: digest, actual: actual)
        }
        fsync(descriptor)
        guard rename(partial, target) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw .io(path: target, reason: "cannot move the blob into place: \(reason)")
        }
        finished = true
        close(descriptor)
    }

    /// Keeps the partial file for a later resume and releases the lock (an interrupted transfer); a file
    /// with no bytes yet has nothing to resume and is removed.
    public func suspend() {
        guard !finished else { return }
        finished = true
        if offset == 0, Self.isStillAtPath(descriptor, partial) { unlink(partial) }
        close(descriptor)
    }

    static func isStillAtPath(_ descriptor: Int32, _ path: String) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(descriptor, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    /// Deletes the partial bytes (they can never become the blob).
    public func discard() {
        guard !finished else { return }
        finished = true
        unlink(partial)
        close(descriptor)
    }

    deinit { suspend() }
}
