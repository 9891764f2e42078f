/// Every rule gym knows, in documentation order.
public enum RuleCatalog {
    public static let all: [any LintRule] = [
        // the course's lessons
        DependenciesAfterSourceRule(), BuildToolsInFinalStageRule(), SingleStageCompiledBuildRule(),
        HeavyBaseImageRule(),
        MissingDockerignoreRule(), DockerignoreLeaksRule(), CopyIgnoredFileRule(), ConsecutiveRunRule(),
        DeletedInLaterLayerRule(), ChmodAfterCopyRule(),
        // base images
        UntaggedImageRule(), LatestTagRule(), UntrustedRegistryRule(), BaseImageNotAllowedRule(),
        // package managers
        AptGetYesRule(), AptNoInstallRecommendsRule(), AptListsNotRemovedRule(), AptUpdateAloneRule(), AptUpgradeRule(),
        AptUnpinnedRule(),
        AptInsteadOfAptGetRule(), ApkUnpinnedRule(), ApkNoCacheRule(), PipUnpinnedRule(), PipNoCacheDirRule(),
        NpmUnpinnedRule(), GemUnpinnedRule(),
        // shell
        CdInsteadOfWorkdirRule(), SudoRule(), CurlPipeShellRule(), WgetAndCurlRule(), PipefailRule(),
        // instructions
        AddInsteadOfCopyRule(), RemoteAddWithoutChecksumRule(), MultipleInstructionRule.cmd,
        MultipleInstructionRule.entrypoint, MultipleInstructionRule.healthcheck, CopyFromMissingStageRule(),
        CopyFromSelfRule(), CopyRelativeDestinationRule(), DuplicateStageNameRule(), WorkdirRelativeRule(),
        LastUserRootRule(), NoUserRule(), InvalidExposeRule(), MaintainerDeprecatedRule(), SecretsInEnvOrArgRule(),
        // BuildKit's checks
        JSONArgsRecommendedRule(), StageNameCasingRule(), FromAsCasingRule(), UndefinedVarRule(),
        UndefinedArgInFromRule(), InvalidDefaultArgInFromRule(), LegacyKeyValueFormatRule(),
        RedundantTargetPlatformRule(), ConsistentInstructionCasingRule(), ReservedStageNameRule(),
        NoEmptyContinuationRule(), FromPlatformFlagConstRule(),
    ]

    /// The rule an id, hadolint id or BuildKit check name refers to.
    public static func rule(named name: String) -> (any LintRule)? {
        all.first { $0.description.isNamed(name) }
    }
}
