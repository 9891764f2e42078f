import Testing

@testable import Dockerfile

/// Table-driven checks of the line parser: directives, comments, continuations, CRLF, BOM, heredocs, JSON form.
struct SyntaxTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var dump: String
        var testDescription: String { name }
    }

    static let accepted: [Case] = [
        Case(
            name: "escape directive with backtick", source: "# escape=`\nFROM a\nRUN echo \\\n",
            dump: "(from \"a\")\n(run \"echo \\\\\")"),
        Case(
            name: "backtick continuation", source: "# escape=`\nFROM a\nRUN echo `\n  hi\n",
            dump: "(from \"a\")\n(run \"echo   hi\")"),
        Case(
            name: "directive after instruction is a comment", source: "FROM a\n# escape=`\nRUN a \\\n b\n",
            dump: "(from \"a\")\n(run \"a  b\")"),
        Case(
            name: "syntax and check directives", source: "# syntax=docker/dockerfile:1\n# check=skip=all\nFROM a\n",
            dump: "(from \"a\")"),
        Case(
            name: "CRLF line endings", source: "FROM a\r\nRUN echo hi \\\r\n  there\r\n",
            dump: "(from \"a\")\n(run \"echo hi   there\")"),
        Case(name: "UTF-8 BOM", source: "\u{FEFF}FROM a\n", dump: "(from \"a\")"),
        Case(
            name: "comment inside continuation", source: "FROM a\nRUN a \\\n# note\n  b\n",
            dump: "(from \"a\")\n(run \"a   b\")"),
        Case(
            name: "indented comment inside continuation", source: "FROM a\nRUN a \\\n    # note\n  b\n",
            dump: "(from \"a\")\n(run \"a   b\")"),
        Case(
            name: "blank line inside continuation", source: "FROM a\nRUN a \\\n\n  b\n",
            dump: "(from \"a\")\n(run \"a   b\")"),
        Case(name: "exec form", source: "FROM a\nCMD [\"a\", \"b c\"]\n", dump: "(from \"a\")\n(cmd \"a\" \"b c\")"),
        Case(
            name: "not JSON falls back to shell form", source: "FROM a\nCMD [a, b]\n",
            dump: "(from \"a\")\n(cmd \"[a, b]\")"),
        Case(
            name: "COPY JSON form", source: "FROM a\nCOPY [\"a b\", \"/c\"]\n",
            dump: "(from \"a\")\n(copy \"a b\" \"/c\")"),
        Case(
            name: "ENV legacy and key=value", source: "FROM a\nENV A 1 2\nENV B=\"x y\" C=z\n",
            dump: "(from \"a\")\n(env \"A\" \"1 2\" \"\")\n(env \"B\" \"\\\"x y\\\"\" \"=\" \"C\" \"z\" \"=\")"),
        Case(
            name: "ARG several per line", source: "ARG A B=2 C=\"x y\"\nFROM a\n",
            dump: "(arg \"A\" \"B=2\" \"C=\\\"x y\\\"\")\n(from \"a\")"),
        Case(
            name: "flags are extracted", source: "FROM --platform=linux/amd64 a AS b\nCOPY --from=b --chmod=755 x /y\n",
            dump:
                "(from [\"--platform=linux/amd64\"] \"a\" \"AS\" \"b\")\n(copy [\"--from=b\" \"--chmod=755\"] \"x\" \"/y\")"
        ),
        Case(name: "ONBUILD", source: "FROM a\nONBUILD RUN [\"x\"]\n", dump: "(from \"a\")\n(onbuild (run \"x\"))"),
        Case(
            name: "HEALTHCHECK", source: "FROM a\nHEALTHCHECK --retries=3 CMD curl -f x\n",
            dump: "(from \"a\")\n(healthcheck [\"--retries=3\"] \"CMD\" \"curl -f x\")"),
        Case(
            name: "heredoc followed directly by an instruction", source: "FROM a\nRUN <<EOF\necho hi\nEOF\nRUN b\n",
            dump: "(from \"a\")\n(run \"<<EOF\")\n(run \"b\")"),
        Case(name: "lowercase keywords", source: "from a\nrun b\n", dump: "(from \"a\")\n(run \"b\")"),
    ]

    @Test("accepted input", arguments: accepted)
    func accepts(testCase: Case) throws {
        let tree = try SyntaxParser.parse(testCase.source)
        #expect(tree.dump() == testCase.dump)
    }

    struct HeredocCase: CustomTestStringConvertible, Sendable {
        var name: String
        var source: String
        var heredocs: [Heredoc]
        var testDescription: String { name }
    }

    static let heredocCases: [HeredocCase] = [
        HeredocCase(
            name: "plain", source: "FROM a\nRUN <<EOF\necho $HOME\nEOF\n",
            heredocs: [Heredoc(name: "EOF", content: "echo $HOME\n")]),
        HeredocCase(
            name: "tab stripping", source: "FROM a\nRUN <<-EOT\n\techo hi\n\tEOT\n",
            heredocs: [Heredoc(name: "EOT", chomp: true, content: "\techo hi\n")]),
        HeredocCase(
            name: "quoted delimiter does not expand", source: "FROM a\nRUN <<'EOF'\necho $HOME\nEOF\n",
            heredocs: [Heredoc(name: "EOF", expand: false, content: "echo $HOME\n")]),
        HeredocCase(
            name: "double-quoted delimiter", source: "FROM a\nRUN <<\"EOF\"\nx\nEOF\n",
            heredocs: [Heredoc(name: "EOF", expand: false, content: "x\n")]),
        HeredocCase(
            name: "several on one line", source: "FROM a\nRUN <<A cat /dev/stdin && 3<<B cat /dev/fd/3\na\nA\nb\nB\n",
            heredocs: [Heredoc(name: "A", content: "a\n"), Heredoc(name: "B", fileDescriptor: 3, content: "b\n")]),
        HeredocCase(
            name: "COPY heredoc", source: "FROM a\nCOPY <<EOF /etc/motd\nhello\nEOF\n",
            heredocs: [Heredoc(name: "EOF", content: "hello\n")]),
        HeredocCase(
            name: "exec form has no heredoc", source: "FROM a\nRUN [\"<<EOF\"]\n", heredocs: []),
    ]

    @Test("heredocs", arguments: heredocCases)
    func heredocs(testCase: HeredocCase) throws {
        let tree = try SyntaxParser.parse(testCase.source)
        #expect(tree.nodes.last?.heredocs == testCase.heredocs)
    }

    @Test("heredoc spans cover the body")
    func heredocSpan() throws {
        let tree = try SyntaxParser.parse("FROM a\nRUN <<EOF\none\ntwo\nEOF\nCMD x\n")
        #expect(tree.nodes[1].range.start == SourcePosition(line: 2, column: 1))
        #expect(tree.nodes[1].range.end.line == 5)
        #expect(tree.nodes[2].range.start.line == 6)
    }

    @Test("spans: line and column, start and end")
    func spans() throws {
        let tree = try SyntaxParser.parse("FROM a\n\n   RUN one \\\n  two\n")
        #expect(
            tree.nodes[1].range
                == SourceRange(start: SourcePosition(line: 3, column: 4), end: SourcePosition(line: 4, column: 5)))
        #expect(tree.nodes[1].original == "RUN one   two")
    }

    @Test("empty continuation lines are warned about")
    func emptyContinuationWarning() throws {
        let tree = try SyntaxParser.parse("FROM a\nRUN a \\\n\n b\n")
        #expect(tree.warnings.count == 1)
    }

    @Test("directives are recorded")
    func directives() throws {
        let tree = try SyntaxParser.parse("# syntax=docker/dockerfile:1.7\n#check=error=true\nFROM a\n")
        #expect(tree.directives.map(\.name) == ["syntax", "check"])
        #expect(tree.directives[0].value == "docker/dockerfile:1.7")
    }
}
