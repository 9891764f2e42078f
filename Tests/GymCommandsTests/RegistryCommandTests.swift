import Foundation
import TestSupport
import Testing

/// `gym push`, then `gym layers`, `gym scan` and `gym sbom` of `registry:REF`, end to end through the binary
/// against docker-registry with htpasswd and TLS (the password on standard input, the test CA by --ca-cert):
/// the same figures, packages and findings as the engine's copy of the image.
@Suite(
    "registry commands", .serialized, .dockerShared,
    .enabled(
        if: DockerEngine.isAvailable && SharedData.isAvailable && LoopbackRegistry.isAvailable,
        "needs an engine, ../shared and docker-registry"))
struct RegistryCommandTests {
    func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func pushedThenReadBackFromTheRegistry() throws {
        try ScanCommandTests.build()
        let registry = try LoopbackRegistry(user: ("student", "correct horse"), tls: true)
        let ca = try #require(registry.caCertificate)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("gym-home-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: home) }
        let environment = ["GYM_HOME": home, "DOCKER_CONFIG": home + "/docker"]
        let reference = "\(registry.host)/course/scan:1"
        let login = ["--username", "student", "--ca-cert", ca]

        let refused = try GymBinary.run(
            ["push", "docker:" + ScanCommandTests.image, reference] + login, stdin: "wrong\n", environment: environment)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("unauthorized"), "\(refused.stderr)")
        let noPassword = try GymBinary.run(
            ["push", "docker:" + ScanCommandTests.image, reference] + login, stdin: "", environment: environment)
        #expect(noPassword.status == 2 && noPassword.stderr.contains("no password on standard input"))

        let pushed = try GymBinary.run(
            ["push", "docker:" + ScanCommandTests.image, reference, "--format", "json"] + login,
            stdin: "correct horse\n", environment: environment)
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(try json(pushed.stdout)["uploaded"] as? Int ?? 0 >= 2)

        func both(_ arguments: [String]) throws -> (registry: String, engine: String) {
            let fromRegistry = try GymBinary.run(
                arguments.replacingImage(with: "registry:" + reference) + login, stdin: "correct horse\n",
                environment: environment)
            #expect(fromRegistry.status == 0 || fromRegistry.status == 1, "\(fromRegistry.stderr)")
            let fromEngine = try GymBinary.run(
                arguments.replacingImage(with: ScanCommandTests.image), environment: environment)
            return (fromRegistry.stdout, fromEngine.stdout)
        }
        let layers = try both(["layers", "IMAGE", "--format", "json"])
        #expect(!layers.registry.isEmpty && layers.registry == layers.engine)

        let index = home + "/index.sqlite"
        let scan = try both([
            "scan", "IMAGE", "--vulndb", ScanCommandTests.vulndb, "--db", home + "/history.sqlite", "--index", index,
            "--format", "json",
        ])
        let registryFindings = try #require(try json(scan.registry)["findings"] as? [[String: Any]])
        let engineFindings = try #require(try json(scan.engine)["findings"] as? [[String: Any]])
        #expect(registryFindings.count >= 15, "the Debian stand-in and requests 2.25.0 have known vulnerabilities")
        #expect(
            try JSONSerialization.data(withJSONObject: registryFindings, options: .sortedKeys)
                == JSONSerialization.data(withJSONObject: engineFindings, options: .sortedKeys))

        let sbom = try both(["sbom", "IMAGE", "--format", "cyclonedx"])
        let components = { (text: String) throws -> Data in
            try JSONSerialization.data(withJSONObject: try self.json(text)["components"] as Any, options: .sortedKeys)
        }
        #expect(try components(sbom.registry) == components(sbom.engine))
    }
}

extension Array where Element == String {
    fileprivate func replacingImage(with image: String) -> [String] { map { $0 == "IMAGE" ? image : $0 } }
}
