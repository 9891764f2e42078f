import Foundation
import Lint

extension FindingRenderer {
    /// SARIF 2.1.0 as GitHub code scanning reads it.
    static func sarif(_ inputs: [FileInput]) throws -> String {
        let findings = flat(inputs)
        let usedRules = Set(findings.map(\.rule))
        let catalog = RuleCatalog.all.map(\.description).filter { usedRules.contains($0.id) }
        var rules: [[String: Any]] = catalog.map { d in
            [
                "id": d.id, "name": d.id, "shortDescription": ["text": d.title],
                "fullDescription": ["text": d.title],
                "help": ["text": d.rationale, "markdown": RuleDocumentation.explanation(d)],
                "helpUri": "https://github.com/containergym/gym/blob/main/docs/rules.md#\(d.id)",
                "defaultConfiguration": ["level": level(d.severity.rawValue)],
                "properties": ["tags": [d.category.rawValue] + d.hadolint + (d.buildkit.map { [$0] } ?? [])],
            ]
        }
        if usedRules.contains("parse-error") {
            rules.append([
                "id": "parse-error", "name": "parse-error", "shortDescription": ["text": "Dockerfile does not parse"],
                "help": ["text": "BuildKit would reject this file."], "defaultConfiguration": ["level": "error"],
            ])
        }
        let ruleIndex = Dictionary(
            uniqueKeysWithValues: rules.enumerated().map { ($0.element["id"] as! String, $0.offset) })
        let results: [[String: Any]] = findings.map { f in
            [
                "ruleId": f.rule, "ruleIndex": ruleIndex[f.rule] ?? 0, "level": level(f.severity),
                "message": ["text": "\(f.message). Fix: \(f.fix)"],
                "locations": [
                    [
                        "physicalLocation": [
                            "artifactLocation": ["uri": f.file],
                            "region": [
                                "startLine": f.line, "startColumn": f.column, "endLine": f.endLine,
                                "endColumn": f.endColumn + 1,
                            ],
                        ]
                    ]
                ],
                "partialFingerprints": ["primaryLocationLineHash": fnv1a("\(f.file):\(f.rule):\(f.message)")],
            ]
        }
        let document: [String: Any] = [
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [
                [
                    "tool": [
                        "driver": [
                            "name": "gym", "informationUri": "https://github.com/containergym/gym",
                            "version": GymCommand.version, "rules": rules,
                        ]
                    ],
                    "results": results,
                ]
            ],
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    static func level(_ severity: String) -> String {
        switch severity {
        case "error": return "error"
        case "warning": return "warning"
        default: return "note"
        }
    }
}
