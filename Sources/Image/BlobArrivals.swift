import Foundation

/// Blobs still arriving in a blob store while an image is read (a pull in progress): opening a layer waits for
/// its blob, so the first layers are read while the rest are still fetched. When the fetch ends, every reader
/// still waiting is woken with the reason, so none waits for a blob that will not come.
public final class BlobArrivals: @unchecked Sendable {
    private let condition = NSCondition()
    private var arrived: Set<String> = []
    private var ended: String?

    public init() {}

    /// `digest` is in the store, whole and verified.
    public func arrived(_ digest: String) {
        condition.lock()
        arrived.insert(digest)
        condition.broadcast()
        condition.unlock()
    }

    /// No more blobs will arrive; `reason` is what a reader still waiting is told (the fetch failed, or ended).
    public func end(_ reason: String) {
        condition.lock()
        ended = ended ?? reason
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until `digest` has arrived; throws when the fetch ended without it.
    func wait(for digest: String) throws(ImageError) {
        condition.lock()
        defer { condition.unlock() }
        while !arrived.contains(digest) {
            if let ended { throw .io(path: digest, reason: ended) }
            condition.wait()
        }
    }
}
