import Foundation
import TestSupport
import Testing

/// `gym scan` and `gym sbom` end to end on a real image: the Debian stand-in plus requests 2.25.0 from
/// PyPI, scanned against the real OSV records in ../shared/vulndb.
@Suite(
    "scan and sbom commands", .serialized, .dockerShared,
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
        // and what pip brought along (real records, real versions); Debian's own python3-pip is Debian's
        // package, not reported as PyPI's pip (CVE-2023-5752 is for Debian's records to decide)
        #expect(findings.contains { $0["package"] as? String == "idna" })
        #expect(!findings.contains { $0["package"] as? String == "pip" && $0["ecosystem"] as? String == "PyPI" })
        // each finding names the layer and the instruction that brought its package
        let requestsLayer = try #require(python.first?["layer"] as? Int)
        #expect(python.allSatisfy { ($0["instruction"] as? String)?.contains("pip install") == true })
        #expect(
            findings.filter { $0["package"] as? String == "perl-base" }.allSatisfy {
                ($0["layer"] as? Int ?? 99) < requestsLayer
            })
        let layers = try #require(report["layers"] as? [[String: Any]])
        #expect(
            layers.contains {
                $0["index"] as? Int == requestsLayer && ($0["diffID"] as? String)?.hasPrefix("sha256:") == true
            })
        let fixes = try #require(report["fixes"] as? [[String: Any]])
        #expect(fixes.contains { $0["summary"] as? String == "bump requests to 2.32.2" && $0["findings"] as? Int == 2 })
        #expect(fixes.compactMap { $0["findings"] as? Int }.reduce(0, +) == findings.count)
        let table = try GymBinary.run(base)
        #expect(table.stdout.contains("Layers that brought them:\n"))
        #expect(table.stdout.contains("  bump requests to 2.32.2: clears 2 findings"))
        #expect(table.stdout.contains("rebuild on a newer base image"))

        let gated = try GymBinary.run(base + ["--severity", "HIGH,CRITICAL", "--exit-code", "1"])
        #expect(gated.status == 1)
        let rows = gated.stdout.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("perl-base ") } && !rows.contains { $0.hasPrefix("requests ") })
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

        // round trip: Trivy's JSON from gym scan, read back by gym report --trivy, draws the severity chart the
        // history draws
        let trivy = try GymBinary.run(base + ["--format", "trivy", "--no-history"])
        #expect(trivy.status == 0, "\(trivy.stderr)")
        let trivyDocument = try #require(
            try JSONSerialization.jsonObject(with: Data(trivy.stdout.utf8)) as? [String: Any])
        #expect(trivyDocument["SchemaVersion"] as? Int == 2 && trivyDocument["ArtifactName"] as? String == Self.image)
        let work = try GymBinary.scratch(["scan.json": trivy.stdout])
        defer { try? FileManager.default.removeItem(at: work) }
        let fromHistory = try GymBinary.run(["report", "--db", history.path, "--out", work.path + "/history"])
        #expect(fromHistory.status == 0, "\(fromHistory.stderr)")
        let fromTrivy = try GymBinary.run([
            "report", "--trivy", work.path + "/scan.json", "--db", work.path + "/none.sqlite", "--out",
            work.path + "/trivy",
        ])
        #expect(fromTrivy.status == 0, "\(fromTrivy.stderr)")
        let chart = "trivy_severity_stacked.svg"
        #expect(
            try String(contentsOfFile: work.path + "/history/" + chart, encoding: .utf8)
                == String(contentsOfFile: work.path + "/trivy/" + chart, encoding: .utf8))
        let broken = try GymBinary.run([
            "report", "--trivy", work.path + "/history/index.html", "--out", work.path + "/x",
        ])
        #expect(broken.status == 2 && broken.stderr.contains("not a Trivy JSON report"), "\(broken.stderr)")
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

        // the same packages as SPDX 2.3
        let spdx = try GymBinary.run(["sbom", Self.image, "--format", "spdx"])
        #expect(spdx.status == 0, "\(spdx.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(spdx.stdout.utf8)) as? [String: Any])
        #expect(document["spdxVersion"] as? String == "SPDX-2.3")
        let spdxPurls = ((document["packages"] as? [[String: Any]]) ?? []).compactMap {
            (($0["externalRefs"] as? [[String: Any]])?.first?["referenceLocator"]) as? String
        }
        #expect(Set(spdxPurls) == Set(purls))

        // a scan as CycloneDX: the bill of materials with its vulnerabilities
        let vex = try GymBinary.run([
            "scan", Self.image, "--vulndb", Self.vulndb, "--no-history", "--format", "cyclonedx", "--severity", "HIGH",
        ])
        #expect(vex.status == 0, "\(vex.stderr)")
        let withVulnerabilities = try #require(
            try JSONSerialization.jsonObject(with: Data(vex.stdout.utf8)) as? [String: Any])
        let vulnerabilities = try #require(withVulnerabilities["vulnerabilities"] as? [[String: Any]])
        #expect(!vulnerabilities.isEmpty)
        #expect(
            vulnerabilities.allSatisfy {
                (($0["ratings"] as? [[String: Any]])?.first?["severity"]) as? String == "high"
            })
    }
}

/// What a Trivy user types works as they expect, on an image written here (dpkg's database and a Python
/// distribution in a docker-archive) against the real OSV records: no engine needed.
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct TrivyFlagsTests {
    static func archive(in dir: URL) throws -> String {
        let archive = dir.appendingPathComponent("image.tar").path
        try DockerArchiveFixture.write(
            layers: [
                [
                    "etc/os-release": "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n",
                    "var/lib/dpkg/status":
                        "Package: perl-base\nStatus: install ok installed\nVersion: 5.36.0-7+deb12u1\nSource: perl\nArchitecture: amd64\n\n",
                ],
                [
                    "usr/local/lib/python3.11/site-packages/requests-2.25.0.dist-info/METADATA":
                        "Metadata-Version: 2.1\nName: requests\nVersion: 2.25.0\n"
                ],
            ], to: archive)
        return archive
    }

    @Test func trivysSpellingsWork() throws {
        let dir = try GymBinary.scratch([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let image = try Self.archive(in: dir)
        let common = [
            "--vulndb", SharedData.path("vulndb/osv"), "--index", dir.path + "/index.sqlite", "--db",
            dir.path + "/gym.sqlite",
        ]
        // the subcommand form, short flags, a report to a file, quiet
        let report = dir.appendingPathComponent("report.json").path
        let trivy = try GymBinary.run(
            [
                "scan", "image", image, "-s", "HIGH,CRITICAL,MEDIUM,LOW,UNKNOWN", "-f", "json", "-o", report, "-q",
                "--no-progress", "--scanners", "vuln",
            ] + common)
        #expect(trivy.status == 0 && trivy.stdout.isEmpty, "\(trivy.stderr)")
        // in Trivy's form, -f json is Trivy's own report (schema 2), as a Trivy user's tooling reads it
        let written = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        #expect(written["SchemaVersion"] as? Int == 2, "\(written.keys)")
        let results = try #require(written["Results"] as? [[String: Any]])
        let packages = Set(
            results.flatMap { ($0["Vulnerabilities"] as? [[String: Any]]) ?? [] }.compactMap {
                $0["PkgName"] as? String
            })
        #expect(packages.contains("perl-base") && packages.contains("requests"), "\(packages)")
        // gym's own form keeps gym's JSON
        let own = try GymBinary.run(["scan", image, "-f", "json"] + common)
        let ownReport = try #require(try JSONSerialization.jsonObject(with: Data(own.stdout.utf8)) as? [String: Any])
        #expect(ownReport["findings"] != nil, "\(ownReport.keys)")
        // --pkg-types narrows to the OS's packages or the libraries
        for (types, kept, dropped) in [("os", "perl-base", "requests"), ("library", "requests", "perl-base")] {
            let narrowed = try GymBinary.run(["scan", image, "--format", "json", "--pkg-types", types] + common)
            let found = try #require(
                try JSONSerialization.jsonObject(with: Data(narrowed.stdout.utf8)) as? [String: Any])
            let names = Set((found["findings"] as? [[String: Any]] ?? []).compactMap { $0["package"] as? String })
            #expect(names.contains(kept) && !names.contains(dropped), "--pkg-types \(types): \(names)")
        }
        // --skip-dirs leaves out what is recorded under a directory, as Trivy's
        let skipped = try GymBinary.run(
            ["scan", image, "--format", "json", "--skip-dirs", "/usr/local/lib/python3.11/site-packages"] + common)
        let left = try #require(try JSONSerialization.jsonObject(with: Data(skipped.stdout.utf8)) as? [String: Any])
        let leftNames = Set((left["findings"] as? [[String: Any]] ?? []).compactMap { $0["package"] as? String })
        #expect(leftNames.contains("perl-base") && !leftNames.contains("requests"), "--skip-dirs: \(leftNames)")
        // table is the terminal table; an exit code gates
        let table = try GymBinary.run(["scan", image, "--format", "table", "--exit-code", "1"] + common)
        #expect(table.status == 1 && table.stdout.contains("perl-base"), "\(table.stdout)")
        // what gym does not do is said, with exit 64
        let secrets = try GymBinary.run(["scan", image, "--scanners", "vuln,secret"] + common)
        #expect(secrets.status == 64 && secrets.stderr.contains("vulnerabilities (vuln) only"), "\(secrets.stderr)")
        let two = try GymBinary.run(["scan", image, image] + common)
        #expect(two.status == 64 && two.stderr.contains("one image at a time"), "\(two.stderr)")
    }
}
