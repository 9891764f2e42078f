import Foundation
import TestSupport
import Testing

@testable import Dockerfile

/// Reproduces BuildKit's own parser and shell-lexer tests from ../shared/testdata/buildkit-parser.
@Suite("BuildKit test data", .enabled(if: SharedData.isAvailable, "needs ../shared/testdata (absent here)"))
struct BuildKitTestdataTests {
    static let positiveCases = SharedData.subdirectories("testdata/buildkit-parser/parser/testfiles")
    static let negativeCases = SharedData.subdirectories("testdata/buildkit-parser/parser/testfiles-negative")

    @Test("parse dump matches BuildKit's result file", arguments: positiveCases)
    func parseDump(name: String) throws {
        let dir = SharedData.url("testdata/buildkit-parser/parser/testfiles/\(name)")!
        let input = try Data(contentsOf: dir.appendingPathComponent("Dockerfile"))
        let expected = try String(contentsOf: dir.appendingPathComponent("result"), encoding: .utf8)
        let tree = try SyntaxParser.parse([UInt8](input))
        #expect(tree.dump() + "\n" == expected)
    }

    @Test("BuildKit rejects, so do we", arguments: negativeCases)
    func rejected(name: String) throws {
        let file = SharedData.url("testdata/buildkit-parser/parser/testfiles-negative/\(name)/Dockerfile")!
        let input = try Data(contentsOf: file)
        #expect(throws: DockerfileError.self) { try SyntaxParser.parse([UInt8](input)) }
    }

    @Test("line numbers of instructions")
    func lineNumbers() throws {
        let file = SharedData.url("testdata/buildkit-parser/parser/testfile-line/Dockerfile")!
        let tree = try SyntaxParser.parse([UInt8](try Data(contentsOf: file)))
        let spans = tree.nodes.map { [$0.range.start.line, $0.range.end.line] }
        #expect(spans == [[5, 5], [11, 12], [17, 31]])
    }

    struct EnvVarCase: CustomTestStringConvertible, Sendable {
        var line: Int
        var source: String
        var expected: String
        var testDescription: String { "line \(line): \(source)" }
    }

    static let envVarCases: [EnvVarCase] = {
        guard let url = SharedData.url("testdata/buildkit-parser/shell/envVarTest"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else { return [] }
        var cases: [EnvVarCase] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if rawLine.hasPrefix("#") { continue }
            let line = rawLine.drop(while: { $0 == " " || $0 == "\t" })
            if line.isEmpty { continue }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            let platform = parts[0].trimmingCharacters(in: .whitespaces)
            guard platform == "A" || platform == "U" else { continue }
            cases.append(
                EnvVarCase(
                    line: index + 1, source: parts[1].trimmingCharacters(in: .whitespaces),
                    expected: parts[2].trimmingCharacters(in: .whitespaces)))
        }
        return cases
    }()

    @Test("shell lexer: envVarTest", arguments: envVarCases)
    func envVar(testCase: EnvVarCase) {
        let lexer = ShellLexer(escapeToken: "\\")
        let env = ["PWD": "/home", "SHELL": "bash", "KOREAN": "한국어", "NULL": ""]
        let result = Result { try lexer.processWord(testCase.source, environment: env) }
        if testCase.expected == "error" {
            #expect(throws: DockerfileError.self) { try result.get() }
        } else {
            #expect((try? result.get()) == testCase.expected)
        }
    }

    @Test("shell lexer: wordsTest")
    func words() throws {
        let url = try #require(SharedData.url("testdata/buildkit-parser/shell/wordsTest"))
        let text = try String(contentsOf: url, encoding: .utf8)
        var env: [String: String] = [:]
        let lexer = ShellLexer(escapeToken: "\\")
        var checked = 0
        for (index, line) in text.split(separator: "\n").enumerated() {
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("ENV ") {
                let assignment = line.dropFirst(3).drop(while: { $0 == " " })
                let parts = assignment.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                env[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
                continue
            }
            let parts = line.split(separator: "|", omittingEmptySubsequences: false)
            try #require(parts.count == 2, "line \(index + 1)")
            let source = parts[0].trimmingCharacters(in: .whitespaces)
            let expected = parts[1].drop(while: { $0 == " " }).split(separator: ",", omittingEmptySubsequences: false)
                .map(String.init)
            let result = (try? lexer.processWords(source, environment: env)) ?? ["error"]
            #expect(result == expected, "line \(index + 1): \(source)")
            checked += 1
        }
        #expect(checked > 20)
    }
}
