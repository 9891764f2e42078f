import Dockerfile

/// `CMD`/`ENTRYPOINT` in exec form when the shell form's text uses nothing of the shell.
public struct ExecFormFix: DockerfileFix {
    public init() {}
    public let description = FixDescription(
        id: "exec-form", title: "CMD and ENTRYPOINT in exec form", rules: ["json-args-recommended"],
        rationale: """
            The same program with the same arguments, started directly instead of through `/bin/sh -c`, so it is \
            PID 1 and gets `docker stop`'s SIGTERM. Only commands made of plain words are rewritten: anything the \
            shell would interpret (variables, quotes, globs, operators, redirections) stays as it is.
            """,
        examples: [
            FixExample(
                "FROM python:3.11-slim\nCMD python app.py\n", "FROM python:3.11-slim\nCMD [\"python\", \"app.py\"]\n"),
            FixExample(
                "FROM python:3.11-slim\nCMD python app.py --port $PORT\n",
                "FROM python:3.11-slim\nCMD python app.py --port $PORT\n"),
            FixExample(
                "FROM node:18\nENTRYPOINT node server.js --host=0.0.0.0\n",
                "FROM node:18\nENTRYPOINT [\"node\", \"server.js\", \"--host=0.0.0.0\"]\n"),
        ])

    static let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=@%+,-".unicodeScalars)

    public func edits(_ context: LintContext, findings: [Finding]) -> [TextEdit] {
        context.dockerfile.stages.flatMap(\.instructions).compactMap { instruction -> TextEdit? in
            guard instruction.keyword == "CMD" || instruction.keyword == "ENTRYPOINT" else { return nil }
            let node = instruction.node
            guard !node.isJSON, findings.contains(where: { $0.range.start.line == node.range.start.line }),
                node.range.start.line == node.range.end.line, node.flags.isEmpty
            else { return nil }
            let text = node.arguments.joined(separator: " ")
            let words = text.split(separator: " ").map(String.init)
            guard !words.isEmpty, words.allSatisfy({ $0.unicodeScalars.allSatisfy(Self.plain.contains) }) else {
                return nil
            }
            let line = context.lines[node.range.start.line - 1]
            // the keyword as the file spells it
            let keyword = line.unicodeScalars.dropFirst(node.range.start.column - 1).prefix { $0 != " " && $0 != "\t" }
            return TextEdit(
                start: node.range.start,
                end: SourcePosition(line: node.range.start.line, column: line.unicodeScalars.count + 1),
                text: String(String.UnicodeScalarView(keyword)) + " ["
                    + words.map { "\"\($0)\"" }.joined(separator: ", ") + "]")
        }
    }
}
