import Foundation
import Testing

@testable import Registry

#if canImport(Glibc)
import Glibc
#endif

/// A loopback registry address where nothing listens (a wrong port, a registry not started) is named at once,
/// rather than after the HTTP client's retries of a refused connection (10 s per scheme, twice). No engine and
/// no registry needed.
@Suite("An unreachable loopback registry")
struct RegistryUnreachableTests {
    /// A loopback port that was free a moment ago: bound, read, and closed.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        try #require(bound == 0)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        try #require(named == 0)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func aPortWhereNothingListensIsNamedAtOnce() async throws {
        let port = try Self.freePort()
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
