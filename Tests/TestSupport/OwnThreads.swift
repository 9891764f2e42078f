import Dispatch
import Testing

/// Runs a test's work on threads of its own instead of Swift's cooperative pool, which has one thread per
/// core: on a 2-core machine two tests that compute or wait synchronously (parsing the corpus, a docker
/// build) hold the whole pool, and a test whose server, client or timer needs a turn waits for seconds,
/// past its deadlines. Jobs go to a concurrent dispatch queue, which starts a thread when none is free; the
/// system schedules them all. Tasks the test starts inherit the preference.
public final class OwnThreadsExecutor: TaskExecutor, @unchecked Sendable {
    public static let shared = OwnThreadsExecutor()
    let queue = DispatchQueue(label: "gym.tests.own-threads", attributes: .concurrent)

    public func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

public struct OwnThreads: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        try await withTaskExecutorPreference(OwnThreadsExecutor.shared) { try await function() }
    }
}

extension Trait where Self == OwnThreads {
    /// The test's work on threads of its own, off the cooperative pool.
    public static var ownThreads: OwnThreads { OwnThreads() }
}
