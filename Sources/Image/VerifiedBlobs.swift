import Foundation
import Synchronization

/// The blobs whose digests were verified before, remembered by the identity of the bytes on disk, so that
/// reading the same archive or layout again verifies nothing twice while a blob changed in place is verified
/// again.
///
/// A blob is a byte range of a file (a layer inside a docker-archive, or a layout's blob file). Its identity is
/// the file's device, inode, size, modification and change times (to the nanosecond), the range, and the
/// digests it was checked against. Writing to the file changes its modification and change times, and the
/// change time cannot be set back by a user, so a blob edited in place, replaced, or restored with old times
/// no longer matches. As git does for its index ("racy clean"), a file changed within the last two seconds
/// is not remembered: a write in the same clock tick could leave its times unchanged.
///
/// Kept in one text file (one identity per line), appended to as blobs are verified; it keeps the newest
/// `capacity` identities.
public final class VerifiedBlobs: Sendable {
    /// Where the identities are kept; nil keeps them for this process only.
    public let file: URL?
    let capacity: Int
    /// The time now (a test moves it on, past the racy window).
    let clock: @Sendable () -> Date
    private let known: Mutex<(loaded: Bool, identities: Set<String>)>

    public init(file: URL?, capacity: Int = 20_000, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.file = file
        self.capacity = capacity
        self.clock = clock
        known = Mutex((loaded: file == nil, identities: []))
    }

    /// The identity of `length` bytes at `offset` of the open file `fd`, checked against `digests`; nil when
    /// the file cannot be described or changed too recently to be remembered.
    func identity(fd: Int32, offset: Int64, length: Int64, digests: [String]) -> String? {
        let now = clock()
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
        let changed = Double(info.st_ctim.tv_sec) + Double(info.st_ctim.tv_nsec) / 1e9
        guard now.timeIntervalSince1970 - max(modified, changed) >= 2 else { return nil }
        return [
            "\(info.st_dev)", "\(info.st_ino)", "\(info.st_size)",
            "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)", "\(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)",
            "\(offset)", "\(length)", digests.joined(separator: ","),
        ].joined(separator: " ")
    }

    /// Whether a blob with this identity was verified before.
    func contains(_ identity: String) -> Bool {
        load()
        return known.withLock { $0.identities.contains(identity) }
    }

    /// Remembers blobs verified just now.
    func remember(_ identities: [String]) {
        guard !identities.isEmpty else { return }
        load()
        let added = known.withLock { state -> [String] in
            let new = identities.filter { !state.identities.contains($0) }
            state.identities.formUnion(new)
            return new
        }
        guard let file, !added.isEmpty else { return }
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        // one append of whole lines: concurrent gym processes interleave lines, never parts of them
        let text = added.map { $0 + "\n" }.joined()
        let fd = open(file.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
    }

    private func load() {
        guard known.withLock({ !$0.loaded }) else { return }
        var lines: [Substring] = []
        if let file, let text = try? String(contentsOf: file, encoding: .utf8) {
            lines = text.split(separator: "\n")
            if lines.count > capacity {
                // the newest identities are kept, written back whole
                lines = Array(lines.suffix(capacity))
                try? (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            }
        }
        known.withLock { state in
            guard !state.loaded else { return }
            state.identities.formUnion(lines.map(String.init))
            state.loaded = true
        }
    }
}
