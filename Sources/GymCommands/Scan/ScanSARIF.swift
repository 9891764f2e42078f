import Foundation
import Scan

/// Scan findings as SARIF 2.1.0, for code scanning: one rule per vulnerability, one result per vulnerable
/// package, located at the file that recorded the package inside the image.
enum ScanSARIF {
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low, .unknown: return "note"
        }
    }

    static func render(_ findings: [Finding], image: String) throws -> String {
        var rules: [[String: Any]] = []
        var ruleIndex: [String: Int] = [:]
        for finding in findings where ruleIndex[finding.id] == nil {
            ruleIndex[finding.id] = rules.count
            var properties: [String: Any] = ["tags": ["vulnerability", "security", finding.severity.rawValue]]
            if let score = finding.score { properties["security-severity"] = String(format: "%.1f", score) }
            rules.append([
                "id": finding.id, "name": finding.id,
                "shortDescription": ["text": finding.title.isEmpty ? finding.id : finding.title],
                "help": ["text": "Aliases: \(finding.aliases.joined(separator: ", "))"],
                "defaultConfiguration": ["level": level(finding.severity)], "properties": properties,
            ])
        }
        let results: [[String: Any]] = findings.map { finding in
            [
                "ruleId": finding.id, "ruleIndex": ruleIndex[finding.id] ?? 0, "level": level(finding.severity),
                "message": [
                    "text":
                        "\(finding.package) \(finding.installedVersion) is affected by \(finding.id) (\(finding.severity.rawValue))"
                        + (finding.fixedVersion.map { "; fixed in \($0)" } ?? "; no fixed version")
                ],
                "locations": [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": finding.location], "region": ["startLine": 1],
                        ],
                        "message": ["text": "\(image): /\(finding.location)"],
                    ]
                ],
            ]
        }
        let document: [String: Any] = [
            "version": "2.1.0", "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "gym scan", "informationUri": "https://github.com/containergym/gym",
                            "version": GymCommand.version, "rules": rules,
                        ]
                    ],
                    "results": results,
                ]
            ],
        ]
        let data = try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }
}
