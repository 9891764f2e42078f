import Engine
import Foundation
import Storage
import Testing

@testable import Bench
@testable import Report
@testable import Scan

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Charts are well-formed SVG whose marks match the data; the data is read from a real SQLite history written
/// by the bench and scan recorders.
@Suite("Report")
struct ReportTests {
    /// Parses SVG as XML and collects element names with their attributes.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(String, [String: String])] = []
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.append((name, attributes))
        }
    }

    static func parse(_ svg: String) throws -> [(String, [String: String])] {
        let parser = XMLParser(data: Data(svg.utf8))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return collector.elements
    }

    @Test func barsAreProportionalToTheirValues() throws {
        let svg = SVGChart.bars(
            title: "t <&>", unit: "s", categories: ["cold", "code"],
            series: [
                .init(name: "A", values: [8, 2], color: "#111111"),
                .init(name: "B", values: [4, 0.5], color: "#222222"),
            ])
        let bars = try Self.parse(svg).filter { $0.0 == "rect" && $0.1["class"] == "bar" }
        #expect(bars.count == 4)
        let heights = bars.compactMap { Double($0.1["height"] ?? "") }
        // the axis tops at 8 (steps of 2): the plot is 240 px high, 8 s is all of it
        #expect(heights == [240, 120, 60, 15])
    }

    @Test func stackedBarsAndLinesAreWellFormed() throws {
        let stacked = SVGChart.stacked(
            title: "s", unit: "n", categories: ["img:1", "img:2"],
            series: [
                .init(name: "HIGH", values: [3, 0], color: "#e15759"),
                .init(name: "LOW", values: [1, 2], color: "#edc948"),
            ])
        #expect(try Self.parse(stacked).filter { $0.0 == "rect" && $0.1["class"] == "bar" }.count == 3)
        let lines = SVGChart.lines(
            title: "l", unit: "n", categories: ["a", "b", "c"],
            series: [.init(name: "img", values: [5, 3, 0], color: "#4e79a7")])
        let polyline = try #require(try Self.parse(lines).first { $0.0 == "polyline" })
        #expect(polyline.1["points"]?.split(separator: " ").count == 3)
    }

    @Test func readsTheRealHistoryAndDrawsEveryChart() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gym-report-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let bench = try BenchHistory(path: path)
        let run = try bench.startRun(label: "lab1")
        func build(_ seconds: Double, cached: Int, executed: Int) -> BuildResult {
            var steps: [BuildStep] = []
            for i in 0..<(cached + executed) {
                steps.append(
                    BuildStep(
                        vertex: i, name: "[\(i + 2)/5] RUN x", stage: nil, position: i + 2, stageSteps: 5,
                        instruction: "RUN x", cached: i < cached, seconds: 0.1, error: nil, logs: []))
            }
            return BuildResult(
                wallSeconds: seconds, steps: steps, imageID: nil, imageSize: nil, succeeded: true, log: "")
        }
        for (file, scenario, seconds, cached, executed) in [
            ("Dockerfile.bad", Scenario.cold, 7.0, 0, 3), ("Dockerfile.bad", .code, 6.0, 1, 2),
            ("Dockerfile.bad", .code, 8.0, 1, 2), ("Dockerfile.good", .code, 0.3, 3, 1),
        ] {
            try bench.record(
                build(seconds, cached: cached, executed: executed), builder: "docker", dockerfile: file, context: ".",
                scenario: scenario, changedFile: nil, benchRun: run)
        }
        let scans = try ScanHistory(path: path)
        func finding(_ severity: Severity) -> Finding {
            Finding(
                id: "X", aliases: [], package: "p", ecosystem: .pypi, installedVersion: "1", fixedVersion: nil,
                severity: severity, score: nil, title: "", location: "")
        }
        try scans.record(image: "app:v1", packages: 10, findings: [finding(.critical), finding(.high), finding(.low)])
        try scans.record(image: "app:v2", packages: 10, findings: [finding(.high)])

        let data = try ReportData(database: try GymDatabase(path: path))
        let code = try #require(data.builds.first { $0.dockerfile == "Dockerfile.bad" && $0.scenario == "code" })
        #expect(code.seconds == 8.0)  // the median of two is the upper one
        #expect(abs(code.cacheHitRatio - 2.0 / 6.0) < 1e-9)
        #expect(data.scans.map(\.highAndCritical) == [2, 1])

        let files = CourseReport.files(data)
        #expect(
            Set(files.keys) == [
                "build_times.svg", "cache_effectiveness.svg", "trivy_severity_stacked.svg",
                "trivy_high_critical_trend.svg", "index.html",
            ])
        for (name, text) in files where name.hasSuffix(".svg") { _ = try Self.parse(text) }
        #expect(files["index.html"]?.contains("<img src=\"build_times.svg\"") == true)
    }
}
