import Dockerfile
import Foundation

/// The RUNs from the one that creates a file to the one that removes it, joined with `&&` into one.
public struct MergeCreateDeleteFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "merge-create-delete", title: "create and remove (or re-mode) a file in one RUN",
        rules: ["deleted-in-later-layer"],
        rationale: """
            The same commands run in the same order and the build still stops at the first that fails; the file \
            removed at the end no longer reaches a layer. Only RUNs that carry no shell state (cd, export, set) \
            to the commands after them, with nothing but comments between them, are joined.
            """,
        examples: [
            FixExample(
                "FROM debian:12\nWORKDIR /tmp\nRUN wget https://example.org/tool.tar.gz\n# unpack and install\nRUN tar xzf tool.tar.gz && make -C tool install\nRUN rm -rf tool.tar.gz tool\n",
                "FROM debian:12\nWORKDIR /tmp\nRUN wget https://example.org/tool.tar.gz \\\n# unpack and install\n    && tar xzf tool.tar.gz && make -C tool install \\\n    && rm -rf tool.tar.gz tool\n"
            ),
            FixExample(
                "FROM debian:12\nRUN cd /tmp && wget https://example.org/x.deb\nRUN dpkg -i /tmp/x.deb\nRUN rm /tmp/x.deb\n",
                "FROM debian:12\nRUN cd /tmp && wget https://example.org/x.deb\nRUN dpkg -i /tmp/x.deb\nRUN rm /tmp/x.deb\n"
            ),
        ])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        var edits: [TextEdit] = []
        var joined = Set<Int>()
        for plan in CreateDeleteMerging.plans(context) where plan.runs.count > 1 {
            let node = plan.deleting.node
            guard
                findings.contains(where: { (node.range.start.line...node.range.end.line).contains($0.range.start.line) }
                ),
                !plan.runs.contains(where: { joined.contains($0.node.range.start.line) })
            else { continue }
            for (run, next) in zip(plan.runs, plan.runs.dropFirst()) {
                guard let edit = InstructionText.join(run, next, in: context) else { return [] }
                edits.append(edit)
            }
            joined.formUnion(plan.runs.map(\.node.range.start.line))
        }
        return edits
    }
}
