import Foundation
import Rendering

/// How `gym scan` writes findings.
public enum ScanReportFormat: String, CaseIterable, Sendable {
    case tty, json, sarif
}

/// `gym scan`'s views of its findings: a terminal table, JSON, or SARIF for code scanning.
public enum ScanReporter {
    /// The JSON document: the image, its OS, how many packages were read, counts by severity, the findings.
    struct Document: Encodable {
        var image: String
        var os: String?
        var packages: Int
        var summary: [String: Int]
        var findings: [Finding]
    }

    public static func render(
        _ findings: [Finding], inventory: Inventory, image: String, format: ScanReportFormat, toolVersion: String
    ) throws(RenderingError) -> String {
        switch format {
        case .tty: return text(findings, inventory: inventory, image: image)
        case .sarif: return try ScanSARIF.log(findings, image: image, toolVersion: toolVersion).json()
        case .json:
            return try JSONText.encode(
                Document(
                    image: image, os: inventory.distro, packages: inventory.packages.count,
                    summary: Dictionary(grouping: findings, by: \.severity.rawValue).mapValues(\.count),
                    findings: findings))
        }
    }

    /// A summary line per severity, then one row per finding, as Trivy's table shows them.
    public static func text(_ findings: [Finding], inventory: Inventory, image: String) -> String {
        let counts = Severity.allCases.reversed().map { level in
            "\(level.rawValue): \(findings.filter { $0.severity == level }.count)"
        }
        var lines = [
            "\(image) (\(inventory.distro ?? "unknown OS")): \(inventory.packages.count) packages",
            "Total: \(findings.count) (\(counts.joined(separator: ", ")))",
        ]
        guard !findings.isEmpty else { return lines.joined(separator: "\n") }
        lines.append("")
        lines.append(
            "package".padding(toLength: 22, withPad: " ", startingAt: 0)
                + "vulnerability".padding(toLength: 22, withPad: " ", startingAt: 0)
                + "severity".padding(toLength: 10, withPad: " ", startingAt: 0)
                + "installed".padding(toLength: 20, withPad: " ", startingAt: 0)
                + "fixed".padding(toLength: 20, withPad: " ", startingAt: 0)
                + "title")
        for finding in findings {
            let cve = ([finding.id] + finding.aliases).first { $0.hasPrefix("CVE-") }
            let id = cve.map { $0 == finding.id ? $0 : "\($0)" } ?? finding.id
            lines.append(
                finding.package.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + id.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + finding.severity.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + finding.installedVersion.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + (finding.fixedVersion ?? "-").padding(toLength: 20, withPad: " ", startingAt: 0)
                    + String(finding.title.prefix(60)))
        }
        return lines.joined(separator: "\n")
    }
}
