import Synchronization

/// Bytes written per blob and blobs finished across concurrent transfers, reported as `PullProgress`.
final class TransferProgress: Sendable {
    private let state = Mutex((done: [String: Int64](), blobs: 0))
    let totalBytes: Int64
    let totalBlobs: Int
    let report: @Sendable (PullProgress) -> Void

    init(totalBytes: Int64, totalBlobs: Int, report: @escaping @Sendable (PullProgress) -> Void) {
        self.totalBytes = totalBytes
        self.totalBlobs = totalBlobs
        self.report = report
    }

    func written(_ digest: String, _ bytes: Int64) {
        state.withLock { $0.done[digest] = bytes }
        send()
    }

    func finished(_ digest: String, size: Int64) {
        state.withLock {
            $0.done[digest] = size
            $0.blobs += 1
        }
        send()
    }

    func send() {
        let (bytes, blobs) = state.withLock { ($0.done.values.reduce(0, +), $0.blobs) }
        report(
            PullProgress(completedBytes: bytes, totalBytes: totalBytes, completedBlobs: blobs, totalBlobs: totalBlobs))
    }
}

extension RegistryClient {
    /// Runs `transfer` on every item, at most `options.maximumConnections` at a time; the first failure ends
    /// the rest and is thrown (an error from outside the registry is a transport failure at `url`).
    func concurrently<Item: Sendable>(
        _ items: [Item], url: String, _ transfer: @escaping @Sendable (Item) async throws(RegistryError) -> Void
    ) async throws(RegistryError) {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                var next = 0
                func start() {
                    guard next < items.count else { return }
                    let item = items[next]
                    next += 1
                    group.addTask { try await transfer(item) }
                }
                for _ in 0..<options.maximumConnections { start() }
                while try await group.next() != nil { start() }
            }
        } catch let error as RegistryError {
            throw error
        } catch {
            throw .transport(url: url, reason: "\(error)")
        }
    }

    /// Runs `work` with a client for `options`, shutting the client down afterwards whether `work` succeeds
    /// or throws.
    public static func with<T: Sendable>(
        _ options: RegistryOptions, _ work: (RegistryClient) async throws(RegistryError) -> T
    ) async throws(RegistryError) -> T {
        let client = try RegistryClient(options: options)
        do throws(RegistryError) {
            let result = try await work(client)
            await client.shutdown()
            return result
        } catch {
            await client.shutdown()
            throw error
        }
    }
}
