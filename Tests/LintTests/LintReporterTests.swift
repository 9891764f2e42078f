import Foundation
import Lint
import SARIF
import Testing

/// The lint reporters, in the library that owns the findings.
struct LintReporterTests {
    let source = "FROM python:3.11\nRUN apt-get update\nRUN apt-get install -y curl\nCOPY . .\nRUNN x\n"

    func input(_ text: String) -> LintReporter.FileInput {
        let result = Linter().lint(source: Array(text.utf8), file: "Dockerfile", buildContext: nil)
        return .init(result: result, lines: text.components(separatedBy: "\n"))
    }

    /// Every result names a rule of the log by id and index, at a real place; the JSON decodes back into the
    /// one model, `$schema` and all.
    @Test func sarifResultsPointAtTheirRules() throws {
        let ok = input("FROM python:3.11\nRUN apt-get update\nRUN apt-get install -y curl\nCOPY . .\n")
        let log = LintReporter.sarif([ok, input(source)], toolVersion: "9.9")
        let run = try #require(log.runs.first)
        #expect(run.tool.driver.version == "9.9")
        #expect(run.results.count >= 3)
        #expect(run.results.contains { $0.ruleId == "parse-error" && $0.level == .error })
        for result in run.results {
            #expect(run.tool.driver.rules[result.ruleIndex].id == result.ruleId)
            let region = try #require(result.locations.first?.physicalLocation.region)
            #expect(region.startLine >= 1)
            #expect(result.partialFingerprints?["primaryLocationLineHash"]?.isEmpty == false)
        }
        let json = try log.json()
        #expect(json.contains("\"$schema\" : \"https://json.schemastore.org/sarif-2.1.0.json\""))
        #expect(try JSONDecoder().decode(SARIFLog.self, from: Data(json.utf8)) == log)
    }

    @Test("every format renders", arguments: LintReportFormat.allCases)
    func everyFormat(format: LintReportFormat) throws {
        let text = try LintReporter.render([input(source)], format: format, color: false, toolVersion: "1")
        #expect(!text.isEmpty)
        #expect(text.contains("Dockerfile"))
    }
}
