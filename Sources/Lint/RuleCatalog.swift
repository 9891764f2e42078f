/// Every rule gym knows, in documentation order.
public enum RuleCatalog {
    public static let all: [any LintRule] = [
        UntaggedImageRule(), LatestTagRule(),
        AptGetYesRule(), AptNoInstallRecommendsRule(), AptListsNotRemovedRule(), AptUpgradeRule(), AptUnpinnedRule(),
        ApkUnpinnedRule(), PipUnpinnedRule(), NpmUnpinnedRule(), GemUnpinnedRule(),
    ]

    /// The rule an id, hadolint id or BuildKit check name refers to.
    public static func rule(named name: String) -> (any LintRule)? {
        all.first { $0.description.isNamed(name) }
    }
}
