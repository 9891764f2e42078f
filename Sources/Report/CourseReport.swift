import Foundation
import Scan

/// The course's four charts (build times, cache effectiveness, severity by image, high+critical trend) and
/// the HTML page that shows them, from the history.
public enum CourseReport {
    public static let severityColors: [(Severity, String)] = [
        (.critical, "#7f0000"), (.high, "#e15759"), (.medium, "#f28e2b"), (.low, "#edc948"), (.unknown, "#bab0ac"),
    ]

    /// File name → SVG or HTML text.
    public static func files(_ data: ReportData) -> [String: String] {
        var files: [String: String] = [:]
        let scenarios = unique(data.builds.map(\.scenario))
        let dockerfiles = unique(data.builds.map(\.dockerfile))
        func series(_ value: (ReportData.BuildFigure) -> Double) -> [SVGChart.Series] {
            dockerfiles.enumerated().map { index, dockerfile in
                SVGChart.Series(
                    name: (dockerfile as NSString).lastPathComponent,
                    values: scenarios.map { scenario in
                        data.builds.first { $0.dockerfile == dockerfile && $0.scenario == scenario }.map(value) ?? 0
                    }, color: SVGChart.palette[index % SVGChart.palette.count])
            }
        }
        files["build_times.svg"] = SVGChart.bars(
            title: "Build time by scenario", unit: "seconds", categories: scenarios, series: series(\.seconds)
        ) { String(format: "%.1f", $0) }
        files["cache_effectiveness.svg"] = SVGChart.bars(
            title: "Cache effectiveness", unit: "steps from the cache (%)", categories: scenarios,
            series: series { $0.cacheHitRatio * 100 }, tickSuffix: "%"
        ) { String(format: "%.0f%%", $0) }

        var latest: [String: ReportData.ScanFigure] = [:]
        for scan in data.scans { latest[scan.image] = scan }
        let images = unique(data.scans.map(\.image))
        // from the history: the latest scan of each image; from reports given by name, where an image has more
        // than one: a bar for each report, named by its file
        let eachReport =
            data.scans.allSatisfy { $0.report != nil } && images.count < data.scans.count
        let bars: [(String, ReportData.ScanFigure?)] =
            eachReport
            ? data.scans.map { ("\($0.image) (\($0.report ?? ""))", $0) } : images.map { ($0, latest[$0]) }
        files["trivy_severity_stacked.svg"] = SVGChart.stacked(
            title: eachReport
                ? "Vulnerabilities by severity (each report)"
                : "Vulnerabilities by severity (latest scan of each image)",
            unit: "findings", categories: bars.map(\.0),
            series: severityColors.map { level, color in
                SVGChart.Series(
                    name: level.rawValue, values: bars.map { Double($0.1?.counts[level] ?? 0) }, color: color)
            })
        let times = data.scans.map { String($0.at.dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " ") }
        files["trivy_high_critical_trend.svg"] = SVGChart.lines(
            title: "HIGH + CRITICAL over time", unit: "findings", categories: times,
            series: images.enumerated().map { index, image in
                // each image's line joins its own scans
                let values = data.scans.map { $0.image == image ? Double($0.highAndCritical) : .nan }
                return SVGChart.Series(
                    name: image, values: values, color: SVGChart.palette[index % SVGChart.palette.count])
            })
        files["index.html"] = html(data, charts: files.keys.sorted())
        return files
    }

    static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    static func html(_ data: ReportData, charts: [String]) -> String {
        let titles = [
            "build_times.svg": "Lab 1: layer cache benchmark, build times",
            "cache_effectiveness.svg": "Lab 1: cache effectiveness",
            "trivy_severity_stacked.svg": "Lab 3: severity breakdown",
            "trivy_high_critical_trend.svg": "Lab 3: HIGH + CRITICAL trend",
        ]
        var body = [
            "<!doctype html>", "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ContainerGym report</title>",
            "<style>body{font-family:sans-serif;max-width:760px;margin:2em auto}figure{margin:2em 0}</style></head><body>",
            "<h1>ContainerGym report</h1>",
            "<p>\(data.builds.count) build figures from the latest bench run; \(data.scans.count) scans.</p>",
        ]
        for chart in [
            "build_times.svg", "cache_effectiveness.svg", "trivy_severity_stacked.svg", "trivy_high_critical_trend.svg",
        ]
        where charts.contains(chart) {
            body.append(
                "<figure><img src=\"\(chart)\" alt=\"\(titles[chart] ?? chart)\"><figcaption>\(titles[chart] ?? chart)</figcaption></figure>"
            )
        }
        body.append("</body></html>")
        return body.joined(separator: "\n") + "\n"
    }
}
