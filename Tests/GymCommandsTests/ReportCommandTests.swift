import Foundation
import TestSupport
import Testing

/// `gym report` end to end: charts from a history, a clear error without one, nothing half-written.
@Suite("report command")
struct ReportCommandTests {
    @Test func writesEveryChartFromAHistoryAndFailsCleanlyWithout() throws {
        let dir = try GymBinary.scratch([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = try GymBinary.run(["report", "--db", dir.path + "/none.sqlite", "--out", dir.path + "/out"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no history"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))

        // an empty history would be five blank charts: it says what to run first, exit 2, nothing written
        let db = dir.path + "/gym.sqlite"
        FileManager.default.createFile(atPath: db, contents: nil)
        let empty = try GymBinary.run(["report", "--db", db, "--out", dir.path + "/out"])
        #expect(empty.status == 2 && empty.stderr.contains("nothing to chart"), "\(empty.stderr)")
        #expect(empty.stderr.contains("gym bench") && empty.stderr.contains("gym scan"))
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/out"))
        // Trivy's own reports are something to chart: every chart is written
        let trivy = GymBinary.packageRoot.appendingPathComponent("Tests/ScanTests/Fixtures/trivy/alpine-310.json").path
        let run = try GymBinary.run(["report", "--db", db, "--trivy", trivy, "--out", dir.path + "/out"])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/out").sorted()
        #expect(
            written == [
                "build_times.svg", "cache_effectiveness.svg", "index.html", "trivy_high_critical_trend.svg",
                "trivy_severity_stacked.svg",
            ])
        // two reports of one image, before and after: a bar for each, named by its file
        let copy = dir.path + "/after.json"
        try FileManager.default.copyItem(atPath: trivy, toPath: copy)
        let twice = try GymBinary.run(["report", "--db", db, "--trivy", trivy, copy, "--out", dir.path + "/twice"])
        #expect(twice.status == 0, "\(twice.stderr)")
        let stacked = try String(contentsOfFile: dir.path + "/twice/trivy_severity_stacked.svg", encoding: .utf8)
        #expect(stacked.contains("(alpine-310.json)") && stacked.contains("(after.json)"), "\(stacked)")
        #expect(stacked.contains("each report"))
    }
}
