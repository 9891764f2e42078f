import Foundation

/// The one place blocking work (a build, an engine call, process spawns, hashing a large file) leaves the
/// concurrency runtime's cooperative pool: it runs on a thread of its own while the caller's task waits
/// without holding a pool thread, so async code (the class server, a command) never stalls the pool.
public enum BlockingWork {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }

    /// Runs `body`, which throws `Failure`, the same way.
    public static func run<T: Sendable, Failure: Error>(
        _ body: @escaping @Sendable () throws(Failure) -> T
    ) async throws(Failure) -> T {
        let result: Result<T, Failure> = await run { () -> Result<T, Failure> in
            do throws(Failure) { return .success(try body()) } catch { return .failure(error) }
        }
        return try result.get()
    }
}
