import Foundation
import Spawn
import Testing

/// A fenced grading engine for one test (`scripts/fence.sh`): a dockerd in a network namespace of its own
/// with loopback only, a forwarder from its 127.0.0.1:3128 to `proxySocket`, and the base images copied in.
/// The test serves the egress proxy on `proxySocket` itself. Stopped (namespace and directory removed) at deinit.
public final class FencedEngine: @unchecked Sendable {
    public static var isPresent: Bool {
        SecondEngine.isPresent && FileManager.default.isExecutableFile(atPath: "/usr/bin/socat")
            && FileManager.default.isExecutableFile(atPath: "/usr/bin/nsenter")
            && ["/usr/sbin/ip", "/usr/bin/ip", "/sbin/ip"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }
    public static var isAvailable: Bool { RequiredParts.gate(present: isPresent) }
    public static let skipMessage: Comment =
        "needs root, socat, iproute2 and the engine docker-engine.sh installs (scripts/fence.sh)"

    public let directory: String
    let namespace: String
    public var host: String { "unix://\(directory)/docker.sock" }
    public var proxySocket: String { directory + "/proxy.sock" }
    /// The proxy address inside the namespace, for BuildKit's proxy arguments.
    public let buildProxy = "http://127.0.0.1:3128"

    public init(images: [String] = ["python:3.11-slim", "debian:bookworm-slim"]) throws {
        let id = UUID().uuidString.prefix(8).lowercased()
        directory = "/tmp/gym-fence-\(id)"
        namespace = "gymfence\(id)"
        let started = try Subprocess.run(
            [Self.script, "start"],
            environment: [
                "GYM_FENCE_DIR": directory, "GYM_FENCE_NS": namespace,
                "GYM_FENCE_IMAGES": images.joined(separator: " "),
            ])
        guard started.succeeded else {
            throw RegistryTestError("scripts/fence.sh start: \(String(decoding: started.stderr, as: UTF8.self))")
        }
    }

    static var script: String { GymBinary.packageRoot.appendingPathComponent("scripts/fence.sh").path }

    /// Runs the docker CLI against the fenced engine: its standard output.
    @discardableResult
    public func docker(_ arguments: [String]) throws -> String { try SecondEngine.docker(host: host, arguments) }

    deinit {
        _ = try? Subprocess.run(
            [Self.script, "stop"], environment: ["GYM_FENCE_DIR": directory, "GYM_FENCE_NS": namespace])
    }
}
