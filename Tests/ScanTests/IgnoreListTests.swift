import Foundation
import Testing

@testable import Scan

/// `.trivyignore` and `.trivyignore.yaml`, read as Trivy reads them.
struct IgnoreListTests {
    static let werkzeug = Finding(
        id: "GHSA-hrfv-mqp8-q5rw", aliases: ["CVE-2023-46136", "PYSEC-2023-221"], package: "Werkzeug",
        ecosystem: .pypi, installedVersion: "0.14.1", fixedVersion: "2.3.8", severity: .high, score: 7.5, title: "",
        location: "usr/local/lib/python3.11/site-packages/Werkzeug-0.14.1.dist-info/METADATA")

    static func day(_ text: String) -> Date { IgnoreList.date(text)! }

    @Test func plainFileIdsAndAliases() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("trivyignore-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: file) }
        try "# accepted for now\nCVE-2023-46136  # until the upgrade\n\n".write(
            to: file, atomically: true, encoding: .utf8)
        let list = try IgnoreList(contentsOf: file.path)
        #expect(list.ids == ["CVE-2023-46136"])
        #expect(list.ignores(Self.werkzeug))
    }

    @Test(arguments: [
        ("vulnerabilities:\n  - id: CVE-2023-46136\n", true),
        (
            "vulnerabilities:\n  - id: GHSA-hrfv-mqp8-q5rw\n    paths:\n      - \"usr/local/lib/python3.11/site-packages/*/METADATA\"\n",
            true
        ),
        ("vulnerabilities:\n  - id: CVE-2023-46136\n    paths:\n      - \"opt/venv/**\"\n", false),
        ("vulnerabilities:\n  - id: CVE-2023-46136\n    purls:\n      - \"pkg:pypi/werkzeug\"\n", true),
        ("vulnerabilities:\n  - id: CVE-2023-46136\n    purls:\n      - \"pkg:pypi/werkzeug@0.14.1\"\n", true),
        ("vulnerabilities:\n  - id: CVE-2023-46136\n    purls:\n      - \"pkg:pypi/werkzeug@3.0.0\"\n", false),
        ("vulnerabilities:\n  - id: CVE-2023-46136\n    expired_at: 2026-12-31\n", true),
        ("vulnerabilities:\n  - id: CVE-2023-46136\n    expired_at: 2026-06-01\n", false),
        ("vulnerabilities:\n  - id: CVE-2099-0001\n", false),
        ("misconfigurations:\n  - id: AVD-DS-0002\n", false),
    ])
    func yamlEntries(yaml: String, ignored: Bool) throws {
        let list = try IgnoreList(yaml: yaml, file: ".trivyignore.yaml")
        let purl = Self.werkzeug.purl(distro: nil)
        #expect(purl == "pkg:pypi/werkzeug@0.14.1")
        #expect(list.ignores(Self.werkzeug, purl: purl, now: Self.day("2026-12-01")) == ignored)
    }

    @Test(arguments: [
        ("vulnerabilities:\n  - paths: [a]\n", "an entry needs an id"),
        ("vulnerabilities:\n  - id: CVE-1\n    expired_at: soon\n", "expired_at soon is not a date"),
        ("vulnerabilities:\n  - id: CVE-1\n    paths: a\n", "paths must be a list"),
        ("vulnerabilities: CVE-1\n", "vulnerabilities: expected a list"),
        ("vulnerabilities:\n  - id: [unclosed\n", "not YAML"),
    ])
    func badYamlIsAClearError(yaml: String, expected: String) {
        let error = #expect(throws: ScanError.self) { try IgnoreList(yaml: yaml, file: "ci/.trivyignore.yaml") }
        #expect(error?.description.hasPrefix("ci/.trivyignore.yaml: ") == true, "\(String(describing: error))")
        #expect(error?.description.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func filterAppliesSeveritiesIgnoresAndUnfixed() {
        var unfixed = Self.werkzeug
        unfixed.id = "GHSA-unfixed"
        unfixed.aliases = []
        unfixed.fixedVersion = nil
        var low = Self.werkzeug
        low.id = "GHSA-low"
        low.aliases = []
        low.severity = .low
        let all = [Self.werkzeug, unfixed, low]
        #expect(
            VulnerabilityScanner.filter(all, severities: [.high]).map(\.id) == ["GHSA-hrfv-mqp8-q5rw", "GHSA-unfixed"])
        #expect(
            VulnerabilityScanner.filter(all, severities: [.high], fixedOnly: true).map(\.id) == ["GHSA-hrfv-mqp8-q5rw"])
        #expect(
            VulnerabilityScanner.filter(
                all, severities: Set(Severity.allCases), ignoring: IgnoreList(ids: ["CVE-2023-46136"])
            )
            .map(\.id) == ["GHSA-unfixed", "GHSA-low"])
    }
}
