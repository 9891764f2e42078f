import Foundation
import Testing

@testable import Scan

/// Trivy's JSON report: read from a file Trivy wrote, and written by gym for Trivy's tools.
struct TrivyReportTests {
    @Test func readsAReportTrivyWrote() throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/trivy/alpine-310.json", withExtension: nil))
        let report = try TrivyReport(json: try Data(contentsOf: url), file: url.path)
        #expect(report.schemaVersion == 2)
        #expect(report.artifactName == "testdata/fixtures/images/alpine-310.tar.gz")
        #expect(report.metadata?.os == TrivyReport.OS(family: "alpine", name: "3.10.2"))
        let vulnerabilities = report.results?.first?.vulnerabilities ?? []
        #expect(vulnerabilities.map(\.vulnerabilityID) == ["CVE-2019-1549", "CVE-2019-1551"])
        #expect(vulnerabilities.first?.layer?.diffID?.hasPrefix("sha256:03901b4a") == true)
        #expect(report.counts == [.medium: 2])
    }

    @Test func notAReportIsAClearError() {
        let error = #expect(throws: ScanError.self) {
            try TrivyReport(json: Data("[1, 2]".utf8), file: "scan.json")
        }
        #expect(error?.description.contains("scan.json") == true)
        #expect(error?.description.contains("not a Trivy JSON report") == true)
    }

    @Test func writesFindingsUnderTrivysNames() throws {
        let inventory = Inventory(
            packages: [], osID: "debian", osVersion: "12",
            layers: [.init(index: 0, diffID: "sha256:aa", instruction: "FROM x")])
        let findings = [
            Finding(
                id: "DEBIAN-CVE-2025-1", aliases: ["CVE-2025-1"], package: "perl-base", ecosystem: .debian,
                installedVersion: "5.36.0-7", fixedVersion: "5.36.0-7+deb12u1", severity: .high, score: nil,
                title: "perl issue", location: "var/lib/dpkg/status", layer: 0, layerDiffID: "sha256:aa"),
            Finding(
                id: "GHSA-hrfv-mqp8-q5rw", aliases: ["PYSEC-2023-221"], package: "Werkzeug", ecosystem: .pypi,
                installedVersion: "0.14.1", fixedVersion: "2.3.8", fixedVersions: ["2.3.8", "3.0.1"], severity: .high,
                score: 7.5, title: "",
                location: "usr/local/lib/python3.11/site-packages/Werkzeug-0.14.1.dist-info/METADATA"),
            Finding(
                id: "GO-2024-1", aliases: [], package: "stdlib", ecosystem: .go, installedVersion: "1.19.8",
                fixedVersion: nil, severity: .unknown, score: nil, title: "", location: "app/server"),
        ]
        let report = TrivyReport(
            findings: findings, inventory: inventory, image: "app:1", createdAt: Date(timeIntervalSince1970: 0))
        #expect(report.createdAt == "1970-01-01T00:00:00Z")
        #expect(report.metadata?.os?.family == "debian" && report.metadata?.diffIDs == ["sha256:aa"])
        let results = report.results ?? []
        #expect(results.map(\.target) == ["app:1 (debian 12)", "Python", "app/server"])
        #expect(results.map(\.type) == ["debian", "python-pkg", "gobinary"])
        #expect(results.map(\.resultClass) == ["os-pkgs", "lang-pkgs", "lang-pkgs"])
        let perl = try #require(results[0].vulnerabilities?.first)
        #expect(perl.vulnerabilityID == "CVE-2025-1" && perl.status == "fixed" && perl.pkgPath == nil)
        #expect(perl.primaryURL == "https://avd.aquasec.com/nvd/cve-2025-1" && perl.layer?.diffID == "sha256:aa")
        let werkzeug = try #require(results[1].vulnerabilities?.first)
        #expect(werkzeug.vulnerabilityID == "GHSA-hrfv-mqp8-q5rw" && werkzeug.fixedVersion == "2.3.8, 3.0.1")
        #expect(werkzeug.primaryURL == "https://github.com/advisories/GHSA-hrfv-mqp8-q5rw")
        #expect(werkzeug.pkgPath?.hasSuffix("METADATA") == true)
        #expect(results[2].vulnerabilities?.first?.status == "affected")
        // and what gym writes, gym (and Trivy's tools) read back the same
        let encoded = try JSONEncoder().encode(report)
        #expect(try TrivyReport(json: encoded, file: "round-trip") == report)
        #expect(report.counts == [.high: 2, .unknown: 1])
    }
}
