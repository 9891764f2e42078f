import Foundation
import TestSupport
import Testing

/// `gym scan` and `gym sbom` end to end on a real image: the Debian stand-in plus requests 2.25.0 from
/// PyPI, scanned against the real OSV records in ../shared/vulndb.
@Suite(
    "scan and sbom commands", .serialized, .dockerExclusive,
    .enabled(if: DockerEngine.isAvailable && SharedData.isAvailable, DockerEngine.skipMessage))
struct ScanCommandTests {
    static let image = "gym-scan-test:latest"
    static let vulndb = SharedData.path("vulndb/osv")

    static func build() throws {
        let dir = try GymBinary.scratch([
            "Dockerfile": "FROM python:3.11-slim\nRUN pip install --no-cache-dir requests==2.25.0\n"
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker", "build", "-q", "--network=host", "-t", image, dir.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }

    @Test func findsDebianAndPythonVulnerabilitiesAndGates() throws {
        try Self.build()
        let history = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gym-scan-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: history) }
        let index = history.path + ".index"
        defer { try? FileManager.default.removeItem(atPath: index) }
        let base = ["scan", Self.image, "--vulndb", Self.vulndb, "--db", history.path, "--index", index]
        let json = try GymBinary.run(base + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["os"] as? String == "debian-12")
        let findings = try #require(report["findings"] as? [[String: Any]])
        let python = findings.filter { $0["package"] as? String == "requests" }
        #expect(
            Set(python.compactMap { ($0["aliases"] as? [String])?.first { $0.hasPrefix("CVE-") } })
                == ["CVE-2023-32681", "CVE-2024-35195"])
        #expect(findings.filter { $0["package"] as? String == "perl-base" }.count == 13)
        // and what pip brought along, with the Debian-packaged pip itself (real records, real versions)
        #expect(findings.contains { $0["package"] as? String == "idna" })

        let gated = try GymBinary.run(base + ["--severity", "HIGH,CRITICAL", "--exit-code", "1"])
        #expect(gated.status == 1)
        #expect(gated.stdout.contains("perl-base") && !gated.stdout.contains("requests"))
        #expect(try GymBinary.run(base + ["--severity", "CRITICAL", "--exit-code", "1"]).status == 0)

        // a .trivyignore naming every HIGH finding by its CVE lets the gate pass
        let highs = findings.filter { $0["severity"] as? String == "HIGH" }.compactMap {
            ($0["aliases"] as? [String])?.first { $0.hasPrefix("CVE-") }
        }
        let ignore = try GymBinary.scratch([".trivyignore": "# accepted\n" + highs.joined(separator: "\n") + "\n"])
        defer { try? FileManager.default.removeItem(at: ignore) }
        let ignored = try GymBinary.run(
            base + ["--severity", "HIGH,CRITICAL", "--exit-code", "1", "--ignorefile", ignore.path + "/.trivyignore"])
        #expect(ignored.status == 0, "\(ignored.stdout)")

        let sarif = try GymBinary.run(base + ["--format", "sarif", "--severity", "HIGH,CRITICAL"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let results = ((document["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]]) ?? []
        #expect(document["version"] as? String == "2.1.0")
        #expect(results.count == highs.count && results.allSatisfy { $0["level"] as? String == "error" })

        let missing = try GymBinary.run(["scan", Self.image, "--vulndb", "/nonexistent"])
        #expect(missing.status == 2)
    }

    @Test func sbomListsEveryPackageWithItsPURL() throws {
        try Self.build()
        let run = try GymBinary.run(["sbom", Self.image])
        #expect(run.status == 0, "\(run.stderr)")
        let bom = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(bom["bomFormat"] as? String == "CycloneDX" && bom["specVersion"] as? String == "1.5")
        let purls = ((bom["components"] as? [[String: Any]]) ?? []).compactMap { $0["purl"] as? String }
        #expect(purls.contains("pkg:pypi/requests@2.25.0"))
        #expect(purls.contains("pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u3?distro=debian-12"))
        #expect(purls.count > 90)
    }
}
