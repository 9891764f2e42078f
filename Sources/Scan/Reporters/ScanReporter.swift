import Foundation
import Rendering

/// How `gym scan` writes findings.
public enum ScanReportFormat: String, CaseIterable, Sendable {
    case tty, json, sarif, trivy, cyclonedx
}

/// `gym scan`'s views of its findings: a terminal table, JSON, or SARIF for code scanning.
public enum ScanReporter {
    /// The JSON document: the image, its OS, how many packages were read, counts by severity, the findings,
    /// the layers that brought them, and the fixes grouped by action.
    struct Document: Encodable {
        struct LayerEntry: Encodable {
            var index: Int
            var diffID: String
            var instruction: String
            var findings: Int
        }

        var image: String
        var os: String?
        var packages: Int
        var summary: [String: Int]
        var findings: [Finding]
        var layers: [LayerEntry]
        var fixes: [FixPlan.Action]
        /// Packages whose files are another release than their metadata claims.
        var contentDisagrees: [ContentNote]
    }

    /// A package whose module files are another release than its metadata claims.
    struct ContentNote: Encodable {
        var package: String
        var claimed: String
        var files: String
        var location: String
    }

    static func contentNotes(_ inventory: Inventory) -> [ContentNote] {
        inventory.packages.compactMap { package in
            guard case .differs(let claimed) = package.content else { return nil }
            return ContentNote(
                package: package.name, claimed: claimed, files: package.version, location: package.location)
        }
    }

    /// One line per package whose files and metadata disagree.
    static func contentLines(_ inventory: Inventory) -> [String] {
        contentNotes(inventory).map {
            "  \($0.package): its metadata claims \($0.claimed), its module files are release \($0.files)'s"
                + " (/\($0.location)); scanned as \($0.files)"
        }
    }

    /// The layers that brought a finding's package, with how many findings each.
    static func layers(_ findings: [Finding], _ inventory: Inventory) -> [Document.LayerEntry] {
        let counts = Dictionary(grouping: findings.compactMap(\.layer), by: { $0 }).mapValues(\.count)
        return inventory.layers.filter { counts[$0.index] != nil }.map {
            Document.LayerEntry(
                index: $0.index, diffID: $0.diffID, instruction: $0.instruction, findings: counts[$0.index] ?? 0)
        }
    }

    /// The applicable fix, and how many other lines have one: `2.3.8 (+1)`.
    static func fixed(_ finding: Finding) -> String {
        guard let first = finding.fixedVersion else { return "-" }
        let others = finding.fixedVersions.count - 1
        return others > 0 ? "\(first) (+\(others))" : first
    }

    public static func render(
        _ findings: [Finding], inventory: Inventory, image: String, format: ScanReportFormat, toolVersion: String
    ) throws(RenderingError) -> String {
        switch format {
        case .tty: return text(findings, inventory: inventory, image: image)
        case .sarif: return try ScanSARIF.log(findings, image: image, toolVersion: toolVersion).json()
        case .trivy: return try JSONText.encode(TrivyReport(findings: findings, inventory: inventory, image: image))
        case .cyclonedx:
            return try JSONText.encode(
                CycloneDX(image: image, inventory: inventory, findings: findings, toolVersion: toolVersion))
        case .json:
            return try JSONText.encode(
                Document(
                    image: image, os: inventory.distro, packages: inventory.packages.count,
                    summary: Dictionary(grouping: findings, by: \.severity.rawValue).mapValues(\.count),
                    findings: findings, layers: layers(findings, inventory), fixes: FixPlan.actions(findings),
                    contentDisagrees: contentNotes(inventory)))
        }
    }

    /// A summary line per severity, one row per finding (as Trivy's table shows them, with the layer that
    /// brought the package), then the layers with findings and the fixes by how many findings each clears.
    public static func text(_ findings: [Finding], inventory: Inventory, image: String) -> String {
        let counts = Severity.allCases.reversed().map { level in
            "\(level.rawValue): \(findings.filter { $0.severity == level }.count)"
        }
        var lines = [
            "\(image) (\(inventory.distro ?? "unknown OS")): \(inventory.packages.count) packages",
            "Total: \(findings.count) (\(counts.joined(separator: ", ")))",
        ]
        let disagreements = contentLines(inventory)
        if !disagreements.isEmpty {
            lines += ["", "Packages whose files are not the release their metadata claims:"] + disagreements
        }
        guard !findings.isEmpty else { return lines.joined(separator: "\n") }
        lines.append("")
        lines.append(
            "package".padding(toLength: 22, withPad: " ", startingAt: 0)
                + "vulnerability".padding(toLength: 22, withPad: " ", startingAt: 0)
                + "severity".padding(toLength: 10, withPad: " ", startingAt: 0)
                + "installed".padding(toLength: 20, withPad: " ", startingAt: 0)
                + "fixed".padding(toLength: 20, withPad: " ", startingAt: 0)
                + "layer".padding(toLength: 7, withPad: " ", startingAt: 0)
                + "title")
        for finding in findings {
            let cve = ([finding.id] + finding.aliases).first { $0.hasPrefix("CVE-") }
            let id = cve.map { $0 == finding.id ? $0 : "\($0)" } ?? finding.id
            lines.append(
                finding.package.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + id.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + finding.severity.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + finding.installedVersion.padding(toLength: 20, withPad: " ", startingAt: 0)
                    + fixed(finding).padding(toLength: 20, withPad: " ", startingAt: 0)
                    + (finding.layer.map(String.init) ?? "-").padding(toLength: 7, withPad: " ", startingAt: 0)
                    + String(finding.title.prefix(60)))
        }
        let layers = layers(findings, inventory)
        if !layers.isEmpty {
            lines.append("")
            lines.append("Layers that brought them:")
            for layer in layers {
                let instruction =
                    layer.instruction.count > 70 ? layer.instruction.prefix(67) + "..." : layer.instruction
                lines.append(
                    "  layer \(layer.index)  \(instruction): \(layer.findings) finding\(layer.findings == 1 ? "" : "s")"
                )
            }
        }
        lines.append("")
        lines.append("Fixes, by findings cleared:")
        for action in FixPlan.actions(findings) {
            let plural = action.findings == 1 ? "" : "s"
            let os = action.kind == .rebuildBase ? "OS " : ""
            lines.append(
                action.kind == .noFix
                    ? "  \(action.summary): \(action.findings) finding\(plural)"
                    : "  \(action.summary): clears \(action.findings) \(os)finding\(plural)")
        }
        return lines.joined(separator: "\n")
    }
}
