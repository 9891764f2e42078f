import Dockerfile
import Foundation

/// Helpers fixes share: an instruction's own source text, and the shell commands in it located by position.
struct InstructionText {
    /// The instruction's lines, as in the file.
    let lines: [String]
    let firstLine: Int

    init(_ node: SyntaxNode, in context: LintContext) {
        firstLine = node.range.start.line
        let last = min(node.range.end.line, context.lines.count)
        lines = firstLine <= last ? Array(context.lines[(firstLine - 1)..<last]) : []
    }

    /// Each place `pattern` matches, line by line: its position just after the match, and the rest of the
    /// shell command it belongs to (to the next `&&`, `||`, `;` or `|` on the following lines too).
    func matches(_ pattern: String) -> [(after: SourcePosition, start: SourcePosition, command: String)] {
        // `command` holds the match and the rest of its shell command
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        var found: [(SourcePosition, SourcePosition, String)] = []
        for (index, line) in lines.enumerated() {
            for match in expression.matches(in: line, range: NSRange(line.startIndex..., in: line)) {
                guard let range = Range(match.range, in: line) else { continue }
                let startColumn = line.unicodeScalars[..<range.lowerBound].count + 1
                let afterColumn = line.unicodeScalars[..<range.upperBound].count + 1
                let rest = ([String(line[range.lowerBound...])] + lines.dropFirst(index + 1)).joined(separator: "\n")
                found.append(
                    (
                        SourcePosition(line: firstLine + index, column: afterColumn),
                        SourcePosition(line: firstLine + index, column: startColumn), Self.command(rest)
                    ))
            }
        }
        return found
    }

    /// The edit that deletes an instruction's lines, with their line break.
    static func removal(of node: SyntaxNode, in context: LintContext) -> TextEdit {
        let first = node.range.start.line
        let last = min(node.range.end.line, context.lines.count)
        if last < context.lines.count {
            return TextEdit(
                start: SourcePosition(line: first, column: 1), end: SourcePosition(line: last + 1, column: 1), text: "")
        }
        // the file's last instruction: the line break before it goes instead
        let previous = max(first - 1, 1)
        let start =
            first > 1
            ? SourcePosition(line: previous, column: context.lines[previous - 1].unicodeScalars.count + 1)
            : SourcePosition(line: 1, column: 1)
        return TextEdit(
            start: start, end: SourcePosition(line: last, column: context.lines[last - 1].unicodeScalars.count + 1),
            text: "")
    }

    /// The edit that joins `next` to the end of `run` with `&&`, the RUN keyword of `next` gone: comment lines
    /// between the two stay, inside the continuation; blank lines go.
    static func join(_ run: RunInstruction, _ next: RunInstruction, in context: LintContext) -> TextEdit? {
        let escape = String(context.dockerfile.escapeToken)
        let end = run.node.range.end.line
        let start = next.node.range.start
        guard end < start.line, start.line <= context.lines.count else { return nil }
        let comments = context.lines[end..<(start.line - 1)].filter {
            $0.trimmingCharacters(in: .whitespaces).hasPrefix("#")
        }
        let nextLine = context.lines[start.line - 1]
        let afterKeyword = nextLine.unicodeScalars.dropFirst(start.column - 1 + next.node.keyword.count)
        let spaces = afterKeyword.prefix { $0 == " " || $0 == "\t" }.count
        return TextEdit(
            start: SourcePosition(line: end, column: context.lines[end - 1].unicodeScalars.count + 1),
            end: SourcePosition(line: start.line, column: start.column + next.node.keyword.count + spaces),
            text: " \(escape)\n" + comments.map { $0 + "\n" }.joined() + "    && ")
    }

    /// The RUN steps of the instructions `findings` point at.
    static func steps(_ context: LintContext, _ findings: [Finding]) -> [LintContext.RunStep] {
        context.runs.filter { step in
            findings.contains {
                (step.run.node.range.start.line...step.run.node.range.end.line).contains($0.range.start.line)
            }
        }
    }

    /// The text up to the end of one shell command.
    static func command(_ text: String) -> String {
        var end = text.endIndex
        for separator in ["&&", "||", ";", "|", "\n\n"] {
            if let range = text.utf8Range(of: separator), range.lowerBound < end { end = range.lowerBound }
        }
        return String(text[..<end])
    }

    /// Whether a command's words include any of `flags` (a word, or a flag=value).
    static func has(_ command: String, _ flags: [String]) -> Bool {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\\" })
        return words.contains { word in flags.contains { word == $0 || word.hasPrefix($0 + "=") } }
    }
}
