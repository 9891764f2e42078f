import Dockerfile

/// `cd` in RUN to change directory for later steps.
public struct CdInsteadOfWorkdirRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "cd-instead-of-workdir", title: "cd used instead of WORKDIR", severity: .warning, category: .style,
        rationale: """
            `cd` only lasts for the RUN it is in. Later instructions start in WORKDIR again, which surprises readers.
            Set the directory once with WORKDIR.

            Before: `RUN cd /app && make` — After: `WORKDIR /app` then `RUN make`.

            Like every shell rule of gym (and unlike hadolint DL3003), ONBUILD RUN triggers are checked too: they
            run in every build that uses the image as its base.
            """,
        hadolint: ["DL3003"],
        triggering: [RuleExample("FROM debian:12\nRUN ↓cd /src && make")],
        nonTriggering: [
            RuleExample("FROM debian:12\nWORKDIR /src\nRUN make"),
            RuleExample("FROM debian:12\nRUN (cd /tmp && tar xf x.tgz)"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        context.runs.compactMap { step -> Finding? in
            guard step.script.utf8.first(where: { $0 != 32 && $0 != 9 }) != UInt8(ascii: "("),
                let cd = step.commands.first(where: { $0.name == "cd" })
            else { return nil }
            return context.finding(
                description, step.run.node, at: "cd", message: "cd \(cd.arguments.first ?? "") lasts only for this RUN",
                fix: "Use WORKDIR \(cd.arguments.first ?? "/path") before the RUN")
        }
    }
}
