import Dockerfile

/// `apt-get update` in a RUN of its own, the install in a later one.
public struct AptUpdateAloneRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "apt-update-alone", title: "apt-get update in a RUN of its own", severity: .warning,
        category: .reproducibility,
        rationale: """
            The builder caches the `apt-get update` layer by its text, which never changes: the install in a later
            RUN reads lists from whenever that layer was first built. Weeks later a package added to the install
            is looked up in stale lists (versions that no longer exist on the mirror, a failed download), and a
            security update is never seen. Docker's best practices: always run `apt-get update` and
            `apt-get install` in the same RUN, so a change to the install downloads fresh lists too.

            Before: `RUN apt-get update` then `RUN apt-get install -y curl`
            After: `RUN apt-get update && apt-get install -y curl`.

            Not a hadolint rule. Only reported when a later RUN of the same stage reads the lists (install,
            upgrade, build-dep, source, apt-cache) without an update of its own.
            """,
        triggering: [
            RuleExample("FROM debian:12\nRUN ↓apt-get update\nRUN apt-get install -y curl"),
            RuleExample("FROM debian:12\nRUN ↓apt-get update -qq\nCOPY . /src\nRUN apt-get install -y make"),
        ],
        nonTriggering: [
            RuleExample("FROM debian:12\nRUN apt-get update && apt-get install -y curl"),
            RuleExample("FROM debian:12\nRUN apt-get update\nRUN apt-get update && apt-get install -y curl"),
            RuleExample("FROM debian:12\nRUN apt-get update\nRUN make"),
            RuleExample("FROM debian:12 AS a\nRUN apt-get update\nFROM debian:12\nRUN apt-get install -y curl"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.dockerfile.stages.flatMap { stage in
            AptLists.steps(of: stage, context).compactMap { step -> Finding? in
                guard AptLists.updates(step, context), !AptLists.reads(step, context),
                    let reader = AptLists.laterReader(after: step, context)
                else { return nil }
                let name = context.commands(step, named: "apt-get", "apt").first { $0.arguments.contains("update") }?
                    .name
                return context.finding(
                    description, step.run.node, at: name,
                    message:
                        "the RUN at line \(reader.run.node.range.start.line) reads the lists this layer cached, however old",
                    fix: "Run apt-get update && apt-get install ... in one RUN")
            }
        }
    }
}
