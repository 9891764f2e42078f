import Dockerfile

/// A file one RUN creates and a later RUN removes.
public struct DeletedInLaterLayerRule: LintRule {
    public init() {}
    public let description = RuleDescription(
        id: "deleted-in-later-layer", title: "File removed or changed in a later layer than the one that created it",
        severity: .warning, category: .size,
        rationale: """
            Every RUN is a layer, and a layer only adds: removing a file in a later RUN hides it but the
            layer that created it still ships it. The download, the build tree or the archive costs its full
            size in the image; a `chmod` or `chown` in a later RUN stores the whole file a second time. Create,
            use and remove (or re-mode) it in one RUN, or build it in an earlier stage and copy out the result.

            Before: `RUN wget https://example.org/tool.tar.gz` … `RUN rm tool.tar.gz`
            After: `RUN wget https://example.org/tool.tar.gz && tar xzf tool.tar.gz && rm tool.tar.gz`.

            Reported when the removed path is named, literally, by an earlier RUN of the same stage (an output
            file, a directory it makes, or what a download of a URL saves) and no COPY or ADD put it there.
            """,
        triggering: [
            RuleExample(
                "FROM debian:12\nWORKDIR /tmp\nRUN wget https://example.org/tool.tar.gz\nRUN tar xzf tool.tar.gz\nRUN ↓rm tool.tar.gz"
            ),
            RuleExample("FROM debian:12\nRUN mkdir /build && make -C /src O=/build\nRUN ↓rm -rf /build"),
            RuleExample("FROM debian:12\nRUN python3 prepare.py /srv/model.bin\nRUN ↓chmod 444 /srv/model.bin"),
        ],
        nonTriggering: [
            RuleExample(
                "FROM debian:12\nRUN wget https://example.org/tool.tar.gz && tar xzf tool.tar.gz && rm tool.tar.gz"),
            RuleExample(
                "FROM debian:12\nCOPY requirements.txt /app/\nRUN pip install -r /app/requirements.txt\nRUN rm /app/requirements.txt"
            ),
            RuleExample("FROM debian:12\nRUN rm -rf /usr/share/doc"),
        ])

    public func check(_ context: LintContext) -> [Finding] {
        CreateDeleteMerging.plans(context).map { plan in
            let changer = ["chmod", "chown", "chgrp"].first { word in
                context.lines[
                    (plan.deleting.node.range.start.line - 1)..<min(
                        plan.deleting.node.range.end.line, context.lines.count)
                ]
                .contains { $0.contains(word) }
            }
            return context.finding(
                description, plan.deleting.node, at: plan.removes ? "rm" : changer,
                message: plan.removes
                    ? "\(plan.paths.joined(separator: ", ")) is created by the RUN at line \(plan.creating.node.range.start.line) and removed here: that layer still holds it"
                    : "\(plan.paths.joined(separator: ", ")) is created by the RUN at line \(plan.creating.node.range.start.line) and changed here: the image stores it twice",
                fix: plan.runs.isEmpty
                    ? "Create, use and remove it in one RUN"
                    : "Join the RUNs from line \(plan.creating.node.range.start.line) to here with &&")
        }
    }
}
