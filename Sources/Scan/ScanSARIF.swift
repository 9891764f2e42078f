import Foundation
import SARIF

/// Scan findings as SARIF 2.1.0, for code scanning: one rule per vulnerability, one result per vulnerable
/// package, located at the file that recorded the package inside the image.
public enum ScanSARIF {
    static func level(_ severity: Severity) -> SARIFLog.Level {
        switch severity {
        case .critical, .high: return .error
        case .medium: return .warning
        case .low, .unknown: return .note
        }
    }

    public static func log(_ findings: [Finding], image: String, toolVersion: String) -> SARIFLog {
        var rules: [SARIFLog.Rule] = []
        var ruleIndex: [String: Int] = [:]
        for finding in findings where ruleIndex[finding.id] == nil {
            ruleIndex[finding.id] = rules.count
            rules.append(
                SARIFLog.Rule(
                    id: finding.id, shortDescription: .init(finding.title.isEmpty ? finding.id : finding.title),
                    help: .init("Aliases: \(finding.aliases.joined(separator: ", "))"), level: level(finding.severity),
                    properties: .init(
                        tags: ["vulnerability", "security", finding.severity.rawValue],
                        securitySeverity: finding.score.map { String(format: "%.1f", $0) })))
        }
        let results = findings.map { finding in
            SARIFLog.Result(
                ruleId: finding.id, ruleIndex: ruleIndex[finding.id] ?? 0, level: level(finding.severity),
                message: .init(
                    "\(finding.package) \(finding.installedVersion) is affected by \(finding.id) (\(finding.severity.rawValue))"
                        + (finding.fixedVersion.map { "; fixed in \($0)" } ?? "; no fixed version")),
                locations: [
                    .init(
                        uri: finding.location, region: .init(startLine: 1),
                        message: .init("\(image): /\(finding.location)"))
                ])
        }
        let driver = SARIFLog.Driver(
            name: "gym scan", informationUri: "https://github.com/containergym/gym", version: toolVersion, rules: rules)
        return SARIFLog(runs: [.init(tool: .init(driver: driver), results: results)])
    }
}
