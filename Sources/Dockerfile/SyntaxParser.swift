/// BuildKit's line parser: directives, comments, continuations, heredocs and per-instruction splitting.
///
/// It accepts exactly what BuildKit's `parser.Parse` accepts; typed validation happens in ``DockerfileParser``.
public enum SyntaxParser {
    /// BuildKit's scanner refuses lines longer than this many bytes (newline included).
    public static let maximumLineBytes = 65_536

    /// Parses raw bytes (any encoding; invalid UTF-8 is read as U+FFFD).
    public static func parse(_ bytes: [UInt8]) throws(DockerfileError) -> SyntaxTree {
        var state = State(lines: try splitLines(bytes))
        return try state.run()
    }

    /// Parses text.
    public static func parse(_ text: String) throws(DockerfileError) -> SyntaxTree {
        try parse(Array(text.utf8))
    }

    static func splitLines(_ bytes: [UInt8]) throws(DockerfileError) -> [String] {
        var lines: [String] = []
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var lineNumber = 1
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let tokenEnd = end < bytes.count ? end + 1 : end
            if tokenEnd - start > maximumLineBytes {
                throw .lineTooLong(bytes: tokenEnd - start, at: SourcePosition(line: lineNumber, column: 1))
            }
            lines.append(String(decoding: bytes[start..<tokenEnd], as: UTF8.self))
            start = tokenEnd
            lineNumber += 1
        }
        return lines
    }

    private struct State {
        let lines: [String]
        var next = 0
        var currentLine = 0
        var escape: Unicode.Scalar = "\\"
        var directivesDone = false
        var directives: [ParserDirective] = []
        var seenDirectives: Set<String> = []
        var nodes: [SyntaxNode] = []
        var warnings: [ParserWarning] = []

        init(lines: [String]) { self.lines = lines }

        mutating func run() throws(DockerfileError) -> SyntaxTree {
            var comments: [String] = []
            while next < lines.count {
                let raw = lines[next]
                next += 1
                if isComment(raw) {
                    let comment = String(raw.unicodeScalars.dropFirst()).trimmingGoSpace()
                    if comment.isEmpty { comments = [] } else { comments.append(comment) }
                }
                let token = raw.trimmingNewlines().trimmingLeadingGoSpace()
                if try directive(token, line: currentLine + 1), !comments.isEmpty { comments.removeLast() }
                let body = isComment(token) ? "" : token
                currentLine += 1
                let startLine = currentLine
                let startColumn = raw.unicodeScalars.prefix(while: { $0.isGoSpace && $0 != "\n" }).count + 1

                var (logical, isEnd) = trimContinuation(body)
                if isEnd && logical.isEmpty { continue }
                var hasEmptyContinuation = false
                var lastLine = raw
                while !isEnd && next < lines.count {
                    let rawNext = lines[next]
                    next += 1
                    let processed = rawNext.trimmingNewlines()
                    _ = try directive(processed, line: currentLine + 1)
                    currentLine += 1
                    if isComment(rawNext) { continue }
                    if processed.trimmingLeadingGoSpace().isEmpty {
                        hasEmptyContinuation = true
                        continue
                    }
                    lastLine = rawNext
                    let (piece, end) = trimContinuation(processed)
                    logical += piece
                    isEnd = end
                }
                let endColumn = max(1, lastLine.trimmingNewlines().unicodeScalars.count)
                var range = SourceRange(
                    start: SourcePosition(line: startLine, column: startColumn),
                    end: SourcePosition(line: currentLine, column: endColumn))
                if hasEmptyContinuation {
                    warnings.append(
                        ParserWarning(
                            message: "Empty continuation line found in: \(logical)",
                            range: SourceRange(at: SourcePosition(line: currentLine, column: 1))))
                }

                var node: SyntaxNode
                do {
                    node = try makeNode(logical, comments: comments)
                } catch let failure as LineParsers.Failure {
                    let keyword = SplitCommand.split(logical).keyword
                    throw .invalidInstruction(instruction: keyword, message: failure.message, at: range)
                } catch {
                    throw .invalidInstruction(instruction: "", message: "\(error)", at: range)
                }

                if node.canContainHeredoc && logical.includes("<<") {
                    let heredocs: [Heredoc]
                    do {
                        heredocs = try HeredocScanner.heredocs(inLine: logical)
                    } catch {
                        throw .invalidInstruction(instruction: node.keyword, message: error.message, at: range)
                    }
                    for var heredoc in heredocs {
                        var terminated = false
                        while next < lines.count {
                            let body = lines[next]
                            next += 1
                            currentLine += 1
                            var candidate = Substring(body.trimmingNewlines())
                            if heredoc.chomp { candidate = candidate.drop(while: { $0 == "\t" }) }
                            if candidate == heredoc.name {
                                terminated = true
                                break
                            }
                            heredoc.content += body
                        }
                        range.end = SourcePosition(
                            line: currentLine,
                            column: max(1, lines[max(0, next - 1)].trimmingNewlines().unicodeScalars.count))
                        if !terminated { throw .unterminatedHeredoc(name: heredoc.name, at: range) }
                        if node.keyword == "onbuild" {
                            node.trigger[0].heredocs.append(heredoc)
                        } else {
                            node.heredocs.append(heredoc)
                        }
                    }
                }
                node.range = range
                for i in node.trigger.indices {
                    node.trigger[i].range = range
                    node.trigger[i].comments = node.comments
                }
                nodes.append(node)
                comments = []
            }
            if nodes.isEmpty { throw .noInstructions(at: SourcePosition(line: max(1, currentLine), column: 1)) }
            return SyntaxTree(nodes: nodes, directives: directives, escapeToken: escape, warnings: warnings)
        }

        func makeNode(_ line: String, comments: [String], depth: Int = 0) throws -> SyntaxNode {
            let (keyword, flags, rest) = SplitCommand.split(line)
            let escape = self.escape
            let parsed = try LineParsers.parse(keyword: keyword, rest: rest, escape: escape) { sub in
                // ONBUILD ONBUILD ... is rejected when typed; stop nesting before the stack could run out.
                guard depth < 16 else { return SyntaxNode(keyword: "onbuild", arguments: [sub], original: sub) }
                return try makeNode(sub, comments: [], depth: depth + 1)
            }
            return SyntaxNode(
                keyword: keyword, flags: flags, arguments: parsed.arguments,
                trigger: parsed.trigger.map { [$0] } ?? [], isJSON: parsed.isJSON,
                original: line, comments: comments)
        }

        func isComment(_ line: String) -> Bool {
            line.unicodeScalars.first(where: { !$0.isGoSpace }) == "#"
        }

        /// BuildKit's continuation rule: a trailing escape token (spaces and tabs after it allowed)
        /// that is not itself escaped, or that stands alone on the line.
        func trimContinuation(_ line: String) -> (String, Bool) {
            let view = line.unicodeScalars
            var end = view.endIndex
            while end > view.startIndex {
                let before = view.index(before: end)
                guard view[before] == " " || view[before] == "\t" else { break }
                end = before
            }
            guard end > view.startIndex else { return (line, true) }
            let escapeIndex = view.index(before: end)
            guard view[escapeIndex] == escape else { return (line, true) }
            if escapeIndex > view.startIndex && view[view.index(before: escapeIndex)] == escape { return (line, true) }
            return (String(view[..<escapeIndex]), false)
        }

        /// Reads a possible parser directive; returns whether the line was one.
        mutating func directive(_ token: String, line: Int) throws(DockerfileError) -> Bool {
            if directivesDone { return false }
            guard token.hasPrefix("#") else {
                directivesDone = true
                return false
            }
            let body = token.dropFirst().trimmingLeadingGoSpace()
            guard let (name, value) = Self.matchDirective(body) else {
                directivesDone = true
                return false
            }
            let key = name.lowercased()
            guard ["syntax", "escape", "check"].contains(key) else {
                directivesDone = true
                return false
            }
            let position = SourcePosition(line: line, column: 1)
            if seenDirectives.contains(key) {
                throw .invalidDirective(message: "only one \(key) parser directive can be used", at: position)
            }
            seenDirectives.insert(key)
            if key == "escape" {
                guard value == "`" || value == "\\" else {
                    throw .invalidDirective(
                        message: "invalid escape token '\(value)' does not match ` or \\", at: position)
                }
                escape = value.unicodeScalars.first!
            }
            directives.append(ParserDirective(name: key, value: value, line: line))
            return true
        }

        /// `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`
        static func matchDirective(_ text: String) -> (String, String)? {
            let s = Array(text.unicodeScalars)
            func isRegexSpace(_ c: Unicode.Scalar) -> Bool {
                c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}"
            }
            func isAlpha(_ c: Unicode.Scalar) -> Bool { (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
            guard let first = s.first, isAlpha(first) else { return nil }
            var i = 1
            while i < s.count, isAlpha(s[i]) || (s[i] >= "0" && s[i] <= "9") { i += 1 }
            let name = String(String.UnicodeScalarView(s[..<i]))
            while i < s.count, isRegexSpace(s[i]) { i += 1 }
            guard i < s.count, s[i] == "=" else { return nil }
            i += 1
            while i < s.count, isRegexSpace(s[i]) { i += 1 }
            var end = s.count
            while end > i, isRegexSpace(s[end - 1]) { end -= 1 }
            guard end > i else { return nil }
            return (name, String(String.UnicodeScalarView(s[i..<end])))
        }
    }
}
