import Bench
import Foundation
import Scan
import Storage

/// What the charts show: typed values from the histories that `gym bench` and `gym scan` keep.
public struct ReportData: Sendable, Equatable {
    /// One Dockerfile in one scenario of the latest bench run.
    public struct BuildFigure: Sendable, Equatable {
        public var dockerfile: String
        public var scenario: String
        /// Median wall time of the scenario's builds.
        public var seconds: Double
        /// Cached steps / (cached + executed), 0...1.
        public var cacheHitRatio: Double

        public init(dockerfile: String, scenario: String, seconds: Double, cacheHitRatio: Double) {
            self.dockerfile = dockerfile
            self.scenario = scenario
            self.seconds = seconds
            self.cacheHitRatio = cacheHitRatio
        }
    }

    /// One scan's counts.
    public struct ScanFigure: Sendable, Equatable {
        public var image: String
        public var at: String
        public var counts: [Severity: Int]
        /// The report file it came from (`gym report --trivy`): each report is a bar of its own.
        public var report: String?

        public init(image: String, at: String, counts: [Severity: Int], report: String? = nil) {
            self.image = image
            self.at = at
            self.counts = counts
            self.report = report
        }

        public var highAndCritical: Int { (counts[.high] ?? 0) + (counts[.critical] ?? 0) }
    }

    public var builds: [BuildFigure]
    public var scans: [ScanFigure]

    public init(builds: [BuildFigure], scans: [ScanFigure]) {
        self.builds = builds
        self.scans = scans
    }

    /// One figure per Trivy JSON report (Trivy's own, or `gym scan --format trivy`): the artifact, when it was
    /// made, its findings by severity; in the order given.
    public static func scans(trivyReports paths: [String]) throws(ReportError) -> [ScanFigure] {
        var figures: [ScanFigure] = []
        for path in paths {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw .trivyReport(path: path, reason: "cannot read the file")
            }
            let report: TrivyReport
            do {
                report = try TrivyReport(json: data, file: path)
            } catch {
                throw .trivyReport(path: path, reason: "\(error)")
            }
            figures.append(
                ScanFigure(
                    image: report.artifactName, at: report.createdAt ?? "", counts: report.counts,
                    report: (path as NSString).lastPathComponent))
        }
        return figures
    }

    /// The figures from the histories kept in `database`.
    public init(database: GymDatabase) throws(ReportError) {
        try self.init(bench: BenchHistory(database: database), scans: ScanHistory(database: database))
    }

    /// The latest bench run's builds, one figure per Dockerfile and scenario in the order they first ran,
    /// and every scan, oldest first.
    public init(bench: BenchHistory, scans: ScanHistory) throws(ReportError) {
        let recorded: [BenchHistory.Build]
        let scanned: [ScanHistory.Entry]
        do {
            recorded = try bench.latestRunBuilds()
            scanned = try scans.scans()
        } catch {
            throw .history("\(error)")
        }
        var groups: [[BenchHistory.Build]] = []
        var position: [String: Int] = [:]
        for build in recorded {
            let key = build.dockerfile + "\u{0}" + (build.scenario ?? "")
            if let index = position[key] {
                groups[index].append(build)
            } else {
                position[key] = groups.count
                groups.append([build])
            }
        }
        let builds = groups.map { group in
            let times = group.map(\.wallSeconds).sorted()
            let cached = group.map(\.stepsCached).reduce(0, +)
            let executed = group.map(\.stepsExecuted).reduce(0, +)
            return BuildFigure(
                dockerfile: group[0].dockerfile, scenario: group[0].scenario ?? "", seconds: times[times.count / 2],
                cacheHitRatio: cached + executed == 0 ? 1 : Double(cached) / Double(cached + executed))
        }
        self.init(
            builds: builds, scans: scanned.map { ScanFigure(image: $0.image, at: $0.at, counts: $0.counts) })
    }
}
