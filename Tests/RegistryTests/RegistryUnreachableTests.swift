import Foundation
import TestSupport
import Testing

@testable import Registry

/// A loopback registry address where nothing listens (a wrong port, a registry not started) is named at once,
/// rather than after the HTTP client's retries of a refused connection (10 s per scheme, twice). No engine and
/// no registry needed.
@Suite("An unreachable loopback registry")
struct RegistryUnreachableTests {
    @Test func aPortWhereNothingListensIsNamedAtOnce() async throws {
        let port = try LoopbackRegistry.freePort()  // free a moment ago: nothing listens there
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("gym-unreachable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try BlobStore(root: root.path)
        let reference = try RegistryReference(parsing: "127.0.0.1:\(port)/course/none:1")
        let started = ContinuousClock.now
        await #expect {
            _ = try await ImageLocator.pull(
                reference, platform: nil, into: store, options: RegistryOptions(connectTimeout: 60))
        } throws: { error in
            guard case RegistryError.transport(_, let reason) = error else { return false }
            return reason.contains("nothing accepts a connection at 127.0.0.1:\(port)")
        }
        // the connect timeout is 60 s: a refused connection retried until it would take a minute or two
        #expect(ContinuousClock.now - started < .seconds(30))
    }
}
