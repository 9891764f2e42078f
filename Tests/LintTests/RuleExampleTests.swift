import Dockerfile
import Testing

@testable import Lint

/// Every rule's examples are its tests: triggering ones fire exactly at their markers, the others stay quiet.
struct RuleExampleTests {
    struct ExampleCase: CustomTestStringConvertible, Sendable {
        var rule: String
        var index: Int
        var triggering: Bool
        var example: RuleExample
        var testDescription: String { "\(rule) \(triggering ? "triggers" : "quiet") #\(index)" }
    }

    static let cases: [ExampleCase] = RuleCatalog.all.flatMap { rule in
        let d = rule.description
        return d.triggering.enumerated().map {
            ExampleCase(rule: d.id, index: $0.offset, triggering: true, example: $0.element)
        }
            + d.nonTriggering.enumerated().map {
                ExampleCase(rule: d.id, index: $0.offset, triggering: false, example: $0.element)
            }
    }

    static func findings(_ example: RuleExample, rule: String) throws -> [Finding] {
        let context = try example.files.map {
            try BuildContextView.memory(files: $0, dockerignore: example.dockerignore)
        }
        let configuration = try example.configuration.map { try LintConfiguration(yaml: $0, file: "example.yaml") }
        let linter = Linter(
            rules: RuleCatalog.all.filter { $0.description.id == rule },
            configuration: configuration ?? LintConfiguration())
        let result = linter.lint(source: Array(example.dockerfile.utf8), file: "Dockerfile", buildContext: context)
        if let error = result.parseError { throw error }
        return result.findings
    }

    @Test("rule examples", arguments: cases)
    func example(testCase: ExampleCase) throws {
        let found = try Self.findings(testCase.example, rule: testCase.rule)
        let positions = found.map { SourcePositionPair(line: $0.range.start.line, column: $0.range.start.column) }
        if testCase.triggering {
            #expect(!testCase.example.markers.isEmpty, "a triggering example needs a ↓ marker")
            #expect(positions == testCase.example.markers, "\(found.map(\.message))")
        } else {
            #expect(found.isEmpty, "\(found.map { "\($0.range.start): \($0.message)" })")
        }
    }
}
