import Foundation
import Spawn
import Testing

/// Fixtures/misbehaving-registry.py on a loopback port.
final class MisbehavingRegistry: @unchecked Sendable {
    let process = Process()
    let host: String

    /// `log`: a file the server appends each token request to.
    init(log: String? = nil) throws {
        let script = try #require(
            Bundle.module.url(forResource: "Fixtures/misbehaving-registry.py", withExtension: nil))
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path] + (log.map { [$0] } ?? [])
        process.standardOutput = output
        try process.run()
        let port = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Int(port) != nil, "the server printed its port")
        host = "127.0.0.1:\(port)"
    }

    deinit { kill(process.processIdentifier, SIGKILL) }
}
