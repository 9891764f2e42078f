/// A lint rule: a self-description and a check over one Dockerfile (and its context when there is one).
public protocol LintRule: Sendable {
    var description: RuleDescription { get }
    func check(_ context: LintContext) -> [Finding]
}
