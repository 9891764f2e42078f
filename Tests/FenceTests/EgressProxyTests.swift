import Foundation
import Testing

@testable import Fence

/// The proxy on a real unix socket: refusals answered with their reason before any connection is made.
@Suite(.serialized)
struct EgressProxyTests {
    /// Sends `request` over the unix socket at `path` and reads the answer to its end.
    static func ask(_ path: String, _ request: String) throws -> String {
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw FenceError.unreachable("socket") }
        defer { close(descriptor) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            for (index, byte) in path.utf8.enumerated() where index < bytes.count - 1 { bytes[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard connected == 0 else { throw FenceError.unreachable("connect \(path): \(errno)") }
        _ = request.withCString { write(descriptor, $0, strlen($0)) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(descriptor, &buffer, buffer.count)
            if count <= 0 { break }
            answer += buffer[0..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }

    @Test func refusalsCarryTheirReason() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gym-proxy-\(UUID().uuidString.prefix(8)).sock"
        ).path
        let decisions = DecisionLog()
        // localhost on the list: the name passes, the address it resolves to does not
        let proxy = try await EgressProxy.start(
            socketPath: path, policy: EgressPolicy(hosts: ["localhost", "pypi.org"])
        ) { decisions.append($0) }
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cases: [(String, String, String)] = [
            ("CONNECT localhost:443 HTTP/1.1\r\n\r\n", "403 Forbidden", "is loopback"),
            ("CONNECT example.org:443 HTTP/1.1\r\n\r\n", "403 Forbidden", "example.org is not a package registry"),
            ("GET http://localhost/ HTTP/1.1\r\nHost: localhost\r\n\r\n", "403 Forbidden", "is loopback"),
            ("CONNECT pypi.org:5432 HTTP/1.1\r\n\r\n", "403 Forbidden", "port 5432"),
            ("GET / HTTP/1.1\r\n\r\n", "400 Bad Request", "absolute http:// URL"),
        ]
        for (request, status, reason) in cases {
            let answer = try Self.ask(path, request)
            #expect(answer.hasPrefix("HTTP/1.1 " + status), "\(answer)")
            #expect(answer.contains(reason), "\(answer)")
        }
        await proxy.close()
        #expect(decisions.lines.count == cases.count, "\(decisions.lines)")
        #expect(decisions.lines.allSatisfy { $0.contains("denied") || $0.contains("bad request") })
    }
}

final class DecisionLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
