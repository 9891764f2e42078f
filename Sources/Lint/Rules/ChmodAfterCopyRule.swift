import Dockerfile

/// A RUN that only changes the mode of files a COPY put in place.
public struct ChmodAfterCopyRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "chmod-after-copy", title: "chmod in a RUN after the COPY", severity: .info, category: .size,
        rationale: """
            Changing a file's mode in a RUN writes the whole file again into that RUN's layer, and the COPY's
            layer still holds the first copy: a 40 MB binary made executable this way costs 80 MB. `COPY
            --chmod` sets the mode as the file is copied, in one layer.

            Before: `COPY start.sh /usr/local/bin/` then `RUN chmod 755 /usr/local/bin/start.sh`
            After: `COPY --chmod=755 start.sh /usr/local/bin/`.

            Reported when the RUN does nothing but chmod files of the build context that COPYs of the same
            stage put there (the context says whether a source is a file, and its mode for `+x`).
            """,
        triggering: [
            RuleExample(
                "FROM debian:12\nCOPY start.sh /usr/local/bin/\nRUN ↓chmod 755 /usr/local/bin/start.sh",
                files: ["start.sh": "#!/bin/sh\n"]),
            RuleExample(
                "FROM debian:12\nWORKDIR /app\nCOPY run.sh .\nRUN ↓chmod +x run.sh", files: ["run.sh": "#!/bin/sh\n"]),
        ],
        nonTriggering: [
            RuleExample(
                "FROM debian:12\nCOPY --chmod=755 start.sh /usr/local/bin/", files: ["start.sh": "#!/bin/sh\n"]),
            RuleExample(
                "FROM debian:12\nCOPY start.sh /usr/local/bin/\nRUN chmod 755 /usr/local/bin/start.sh && ./configure",
                files: ["start.sh": "#!/bin/sh\n"]),
            RuleExample("FROM debian:12\nCOPY bin /opt/bin\nRUN chmod -R 755 /opt/bin", files: ["bin/tool": "x"]),
            RuleExample("FROM debian:12\nRUN chmod 755 /usr/local/bin/start.sh"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        ChmodFolding.plans(context).map { plan in
            let modes = plan.copies.map { "--chmod=\($0.mode)" }
            return context.finding(
                description, plan.run.node, at: "chmod",
                message:
                    "this RUN copies \(plan.paths.joined(separator: ", ")) into a second layer to change its mode",
                fix: "Set the mode in the COPY (\(modes.joined(separator: ", "))) and drop this RUN")
        }
    }
}
