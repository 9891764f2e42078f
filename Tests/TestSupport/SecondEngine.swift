import Foundation
import Spawn
import Testing

/// A second Docker engine on this machine, the stand-in for a build farm's machine (DESIGN.md): its own
/// socket, data-root and exec-root, no bridge network, reached through DOCKER_HOST. Stopped at deinit.
public final class SecondEngine: @unchecked Sendable {
    static let dockerd = "/opt/docker-engine/usr/sbin/dockerd"
    public static var isPresent: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: dockerd) }
    public static var isAvailable: Bool { RequiredParts.gate(present: isPresent) }
    public static let skipMessage: Comment = "needs root and the engine ../shared/scripts/docker-engine.sh installs"

    public let directory: String
    public var host: String { "unix://\(directory)/docker.sock" }
    let process = Process()

    public init() throws {
        directory = "/tmp/gym-farm-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: Self.dockerd)
        process.arguments = [
            "--bridge=none", "--iptables=false", "--data-root", directory + "/data", "--exec-root", directory + "/exec",
            "-H", host, "--pidfile", directory + "/docker.pid",
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = "/opt/docker-engine/usr/bin:/opt/docker-engine/usr/sbin:" + (environment["PATH"] ?? "")
        process.environment = environment
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let deadline = Date().addingTimeInterval(180)
        while Date() < deadline {
            if (try? docker(["info", "--format", "{{.ServerVersion}}"]))?.isEmpty == false { return }
            usleep(500_000)
        }
        throw RegistryTestError("the second engine did not start in \(directory)")
    }

    /// Runs the docker CLI against this engine: its standard output.
    @discardableResult
    public func docker(_ arguments: [String]) throws -> String { try Self.docker(host: host, arguments) }

    /// Runs the docker CLI against the engine at `host`: its standard output, or its error as a thrown one.
    @discardableResult
    public static func docker(host: String, _ arguments: [String]) throws -> String {
        let result = try Subprocess.run(["docker", "-H", host] + arguments)
        guard result.succeeded else {
            throw RegistryTestError("docker \(arguments): \(String(decoding: result.stderr, as: UTF8.self))")
        }
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// Copies images of this machine's engine into this one (`docker save | docker load`): a farm's machine
    /// keeps the base images, the grader's probe among them.
    public func load(images: [String]) throws {
        let archive = directory + "/images.tar"
        let saved = try Subprocess.run(["docker", "save", "-o", archive] + images)
        guard saved.succeeded else {
            throw RegistryTestError("docker save \(images): \(String(decoding: saved.stderr, as: UTF8.self))")
        }
        try docker(["load", "-i", archive])
        try? FileManager.default.removeItem(atPath: archive)
    }

    deinit {
        process.terminate()
        process.waitUntilExit()
        _ = try? Subprocess.run(["sh", "-c", "umount $(grep '\(directory)' /proc/mounts | cut -d' ' -f2) 2>/dev/null"])
        try? FileManager.default.removeItem(atPath: directory)
    }
}
