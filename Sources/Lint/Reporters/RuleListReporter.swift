import Rendering

/// `gym lint --list-rules`: every rule with its severity, category, title and the hadolint or BuildKit
/// checks it matches; for a terminal or as JSON (Markdown is `RuleDocumentation`).
public enum RuleListReporter {
    struct Entry: Encodable {
        var id, title, severity, category, rationale: String
        var hadolint: [String]
        var buildkit: String?
    }

    public static func json() throws(RenderingError) -> String {
        try JSONText.encode(
            RuleCatalog.all.map(\.description).map {
                Entry(
                    id: $0.id, title: $0.title, severity: $0.severity.rawValue, category: $0.category.rawValue,
                    rationale: $0.rationale, hadolint: $0.hadolint, buildkit: $0.buildkit)
            })
    }

    public static func text() -> String {
        let rules = RuleCatalog.all.map(\.description)
        let width = rules.map(\.id.count).max() ?? 10
        return rules.map { rule in
            let peers = (rule.hadolint + (rule.buildkit.map { [$0] } ?? [])).joined(separator: ", ")
            return rule.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + rule.severity.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)
                + rule.category.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0) + rule.title
                + (peers.isEmpty ? "" : "  (\(peers))")
        }.joined(separator: "\n")
    }
}
