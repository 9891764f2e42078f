/// Everything a rule says about itself: identity, weight, why it matters, its peers, and its examples.
public struct RuleDescription: Sendable {
    /// Stable id, kebab-case (`apt-no-install-recommends`).
    public var id: String
    /// One line.
    public var title: String
    public var severity: Severity
    public var category: RuleCategory
    /// Markdown that teaches why the rule matters and how to fix it.
    public var rationale: String
    /// hadolint's ids for the same check (`DL3015`).
    public var hadolint: [String]
    /// BuildKit's check name (`JSONArgsRecommended`), when it has one.
    public var buildkit: String?
    /// Dockerfiles where the rule fires, with markers.
    public var triggering: [RuleExample]
    /// Dockerfiles where it stays quiet.
    public var nonTriggering: [RuleExample]

    public init(
        id: String, title: String, severity: Severity, category: RuleCategory, rationale: String,
        hadolint: [String] = [], buildkit: String? = nil, triggering: [RuleExample], nonTriggering: [RuleExample]
    ) {
        self.id = id
        self.title = title
        self.severity = severity
        self.category = category
        self.rationale = rationale
        self.hadolint = hadolint
        self.buildkit = buildkit
        self.triggering = triggering
        self.nonTriggering = nonTriggering
    }

    /// Whether `name` (our id, a hadolint id or a BuildKit check name, any case) names this rule.
    public func isNamed(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return lowered == id || hadolint.contains { $0.lowercased() == lowered } || buildkit?.lowercased() == lowered
    }
}
