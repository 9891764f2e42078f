import ArgumentParser
import Foundation
import Report
import Storage

/// `gym report`: the course's charts from the bench and scan history, as SVG files and an HTML page.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract:
            "Draw the course's charts (build times, cache effectiveness, severity by image, HIGH+CRITICAL trend).",
        discussion: """
            Reads the history gym bench and gym scan keep in SQLite and writes build_times.svg, \
            cache_effectiveness.svg, trivy_severity_stacked.svg, trivy_high_critical_trend.svg and index.html \
            to --out. The files are written to a temporary directory first and moved in place when all are \
            done: a failure leaves the previous report untouched.

            The two vulnerability charts can come from Trivy instead: --trivy FILE... reads Trivy's JSON reports \
            (trivy image --format json, as the course's students run it, or gym scan --format trivy), one bar \
            and one point per report, in the order given.

            Examples:
              gym bench benchmarks/lab1 -f Dockerfile.bad --vs Dockerfile.good --network host
              gym scan myapp:latest
              gym report --out report && open report/index.html
              gym report --trivy before.json after.json --out report
            """)

    @Option(help: "History database (default: ~/.gym/gym.sqlite).")
    var db: String?

    @Option(help: "Directory to write the charts and index.html to.")
    var out: String = "gym-report"

    @Option(
        parsing: .upToNextOption,
        help:
            "Trivy JSON reports (trivy image --format json, or gym scan --format trivy) to chart instead of the scan history."
    )
    var trivy: [String] = []

    func run() throws {
        let path = db ?? GymDatabase.defaultPath
        let hasHistory = FileManager.default.fileExists(atPath: path)
        guard hasHistory || !trivy.isEmpty else {
            throw CommandFailure("no history at \(path): run gym bench or gym scan first (or give --db or --trivy)")
        }
        var data = ReportData(builds: [], scans: [])
        if hasHistory { data = try ReportData(database: try GymDatabase(path: path)) }
        if !trivy.isEmpty { data.scans = try ReportData.scans(trivyReports: trivy) }
        guard !data.builds.isEmpty || !data.scans.isEmpty else {
            // blank charts would say nothing: say what to run first
            throw CommandFailure(
                "nothing to chart: \(path) holds no build and no scan yet",
                detail:
                    "Run gym bench DIR (builds) or gym scan IMAGE (scans) first, or give --trivy with Trivy's JSON reports."
            )
        }
        let files = CourseReport.files(data)
        let target = URL(fileURLWithPath: out)
        let staging = target.deletingLastPathComponent().appendingPathComponent(".gym-report-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: staging) }
            for (name, text) in files {
                try text.write(to: staging.appendingPathComponent(name), atomically: true, encoding: .utf8)
            }
            try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
            for name in files.keys.sorted() {
                let destination = target.appendingPathComponent(name)
                if FileManager.default.fileExists(atPath: destination.path) {
                    try FileManager.default.removeItem(at: destination)
                }
                try FileManager.default.moveItem(at: staging.appendingPathComponent(name), to: destination)
            }
        } catch {
            throw CommandFailure("cannot write \(out): \(error.localizedDescription)")
        }
        for name in files.keys.sorted() { Output.out(target.appendingPathComponent(name).path) }
    }
}
