import Foundation
import Spawn
import Testing

/// Debian's docker-registry (distribution 2.8) on a free loopback port, in a directory of its own; with
/// htpasswd and TLS when asked (a CA and a server certificate made with openssl for the test).
public final class LoopbackRegistry: @unchecked Sendable {
    public static let isPresent = Subprocess.executable(named: "docker-registry") != nil
    public static var isAvailable: Bool { RequiredParts.gate(present: isPresent) }
    /// skopeo, which copies images into the registry and reads gym's OCI layouts.
    public static let skopeoPresent = Subprocess.executable(named: "skopeo") != nil
    public static let skipMessage: Comment = "needs Debian's docker-registry (.ci/run installs it)"

    public let directory: String
    public let port: Int
    let process = Process()
    public var host: String { "127.0.0.1:\(port)" }
    public var storage: String { directory + "/data" }
    /// With TLS: the CA certificate a client must trust.
    public var caCertificate: String? { secure ? directory + "/ca.pem" : nil }
    public let secure: Bool

    public init(user: (name: String, password: String)? = nil, tls: Bool = false) throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("gym-registry-\(UUID().uuidString)")
            .path
        secure = tls
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        port = try Self.freePort()
        var config = """
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: \(directory)/data
            http:
              addr: 127.0.0.1:\(port)
            """
        if tls {
            try Self.shell(
                """
                cd '\(directory)' && openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 \
                  -subj '/CN=gym test CA' 2>/dev/null && \
                openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj '/CN=127.0.0.1' 2>/dev/null && \
                printf 'subjectAltName=IP:127.0.0.1\\n' > san.ext && \
                openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 \
                  -extfile san.ext 2>/dev/null
                """)
            config += "\n  tls:\n    certificate: \(directory)/server.pem\n    key: \(directory)/server.key"
        }
        if let user {
            try Self.shell("htpasswd -Bbn '\(user.name)' '\(user.password)' > '\(directory)/htpasswd'")
            config += "\nauth:\n  htpasswd:\n    realm: gym-test\n    path: \(directory)/htpasswd"
        }
        try (config + "\n").write(toFile: directory + "/config.yml", atomically: true, encoding: .utf8)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker-registry", "serve", directory + "/config.yml"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let scheme = tls ? "https" : "http"
        // a deadline rather than a count of tries: a busy CI machine can take long to start it
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            let probe = try Subprocess.run(["curl", "-sk", "-o", "/dev/null", "\(scheme)://\(host)/v2/"])
            if probe.succeeded { return }
            usleep(100_000)
        }
        throw RegistryTestError("docker-registry did not answer on \(host)")
    }

    /// Copies an engine image into this registry with docker push.
    public func push(engineImage: String, as name: String) throws -> String {
        let target = "\(host)/\(name)"
        try Self.shell("docker tag '\(engineImage)' '\(target)' && docker push -q '\(target)' >/dev/null")
        return target
    }

    /// The file holding a blob's bytes in the registry's storage.
    public func blobData(_ digest: String) -> String {
        let hex = digest.dropFirst("sha256:".count)
        return "\(storage)/docker/registry/v2/blobs/sha256/\(hex.prefix(2))/\(hex)/data"
    }

    public static func shell(_ command: String) throws {
        let result = try Subprocess.run(["sh", "-c", command])
        guard result.succeeded else {
            throw RegistryTestError(
                "\(command) failed: \(String(decoding: result.stdout + result.stderr, as: UTF8.self))")
        }
    }

    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw RegistryTestError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        kill(process.processIdentifier, SIGKILL)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

public struct RegistryTestError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
