import Dockerfile

/// `MAINTAINER name` becomes `LABEL maintainer="name"`, what BuildKit records for it anyway.
public struct MaintainerLabelFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "maintainer-label", title: "MAINTAINER as a label", rules: ["maintainer-deprecated"],
        rationale: "The image gets the same `maintainer` label; the deprecated instruction goes.",
        examples: [
            FixExample(
                "FROM debian:12\nMAINTAINER Ada Lovelace <ada@example.org>\n",
                "FROM debian:12\nLABEL maintainer=\"Ada Lovelace <ada@example.org>\"\n")
        ])

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        context.dockerfile.stages.flatMap(\.instructions).compactMap { instruction -> TextEdit? in
            guard case .maintainer(let maintainer) = instruction else { return nil }
            let node = maintainer.node
            guard findings.contains(where: { $0.range.start.line == node.range.start.line }),
                node.range.start.line == node.range.end.line, node.range.end.line <= context.lines.count
            else { return nil }
            let line = context.lines[node.range.start.line - 1]
            let value = maintainer.maintainer.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"")
            return TextEdit(
                start: node.range.start,
                end: SourcePosition(line: node.range.start.line, column: line.unicodeScalars.count + 1),
                text: "LABEL maintainer=\"\(value)\"")
        }
    }
}
