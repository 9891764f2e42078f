import Foundation
import Testing

@testable import Lint

/// The catalog as a whole: ids, examples, peers, and the generated documentation.
struct CatalogTests {
    @Test func atLeastFortyFiveRulesWithUniqueIds() {
        let ids = RuleCatalog.all.map(\.description.id)
        #expect(ids.count >= 45)
        #expect(Set(ids).count == ids.count)
        for id in ids { #expect(id.range(of: "^[a-z][a-z0-9-]*$", options: .regularExpression) != nil, "\(id)") }
    }

    @Test func everyRuleHasBothKindsOfExamplesAndARationale() {
        for rule in RuleCatalog.all {
            let d = rule.description
            #expect(!d.triggering.isEmpty, "\(d.id) has no triggering example")
            #expect(!d.nonTriggering.isEmpty, "\(d.id) has no non-triggering example")
            #expect(d.rationale.count > 60, "\(d.id) rationale too short")
        }
    }

    @Test func coversBuildKitChecks() {
        let names = Set(RuleCatalog.all.compactMap(\.description.buildkit))
        for check in [
            "JSONArgsRecommended", "StageNameCasing", "FromAsCasing", "UndefinedVar", "UndefinedArgInFrom",
            "InvalidDefaultArgInFrom", "LegacyKeyValueFormat", "MultipleInstructionsDisallowed", "WorkdirRelativePath",
            "CopyIgnoredFile", "RedundantTargetPlatform", "ConsistentInstructionCasing", "SecretsUsedInArgOrEnv",
            "ReservedStageName", "DuplicateStageName", "NoEmptyContinuation", "MaintainerDeprecated",
            "FromPlatformFlagConstDisallowed",
        ] {
            #expect(names.contains(check), "\(check) missing")
        }
    }

    @Test func peersResolveToTheirRule() {
        #expect(RuleCatalog.rule(named: "DL3015")?.description.id == "apt-no-install-recommends")
        #expect(RuleCatalog.rule(named: "jsonargsrecommended")?.description.id == "json-args-recommended")
        #expect(RuleCatalog.rule(named: "pipefail")?.description.id == "pipefail")
    }

    @Test func generatedDocsAreUpToDate() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/rules.md")
        let committed = try String(contentsOf: url, encoding: .utf8)
        #expect(
            committed == RuleDocumentation.markdown(),
            "run: swift run gym lint --list-rules --format markdown > docs/rules.md")
    }
}
