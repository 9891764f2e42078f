import SARIF

extension LintReporter {
    /// SARIF 2.1.0 as GitHub code scanning reads it: the rules that fired, with their documentation.
    public static func sarif(_ inputs: [FileInput], toolVersion: String) -> SARIFLog {
        let findings = flat(inputs)
        let usedRules = Set(findings.map(\.rule))
        let catalog = RuleCatalog.all.map(\.description).filter { usedRules.contains($0.id) }
        var rules: [SARIFLog.Rule] = catalog.map { d in
            SARIFLog.Rule(
                id: d.id, shortDescription: .init(d.title), fullDescription: .init(d.title),
                help: .init(d.rationale, markdown: RuleDocumentation.explanation(d)),
                helpUri: "https://github.com/containergym/gym/blob/main/docs/rules.md#\(d.id)",
                level: level(d.severity.rawValue),
                properties: .init(tags: [d.category.rawValue] + d.hadolint + (d.buildkit.map { [$0] } ?? [])))
        }
        if usedRules.contains("parse-error") {
            rules.append(
                SARIFLog.Rule(
                    id: "parse-error", shortDescription: .init("Dockerfile does not parse"),
                    help: .init("BuildKit would reject this file."), level: .error))
        }
        let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($0.element.id, $0.offset) })
        let results = findings.map { f in
            SARIFLog.Result(
                ruleId: f.rule, ruleIndex: ruleIndex[f.rule] ?? 0, level: level(f.severity),
                message: .init("\(f.message). Fix: \(f.fix)"),
                locations: [
                    .init(
                        uri: f.file,
                        region: .init(
                            startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn + 1))
                ],
                partialFingerprints: ["primaryLocationLineHash": fnv1a("\(f.file):\(f.rule):\(f.message)")])
        }
        let driver = SARIFLog.Driver(
            name: "gym", informationUri: "https://github.com/containergym/gym", version: toolVersion, rules: rules)
        return SARIFLog(runs: [.init(tool: .init(driver: driver), results: results)])
    }

    static func level(_ severity: String) -> SARIFLog.Level {
        switch severity {
        case "error": return .error
        case "warning": return .warning
        default: return .note
        }
    }
}
