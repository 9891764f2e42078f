import Foundation
import Storage

/// What the charts show, read from the SQLite history that `gym bench` and `gym scan` write.
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
        public var counts: [String: Int]

        public init(image: String, at: String, counts: [String: Int]) {
            self.image = image
            self.at = at
            self.counts = counts
        }

        public var highAndCritical: Int { (counts["HIGH"] ?? 0) + (counts["CRITICAL"] ?? 0) }
    }

    public var builds: [BuildFigure]
    public var scans: [ScanFigure]

    public init(builds: [BuildFigure], scans: [ScanFigure]) {
        self.builds = builds
        self.scans = scans
    }

    /// Reads the latest bench run's builds and every scan, oldest first. Missing tables read as empty.
    public init(database: SQLiteDatabase) throws(ReportError) {
        func query(_ sql: String) throws(ReportError) -> [[String: SQLiteValue]] {
            do {
                return try database.query(sql)
            } catch {
                if "\(error)".contains("no such table") { return [] }
                throw .history("\(error)")
            }
        }
        let latest = try query("SELECT MAX(bench_run_id) AS id FROM builds WHERE scenario IS NOT NULL").first?["id"]?
            .int
        var builds: [BuildFigure] = []
        if let latest {
            let rows = try query(
                "SELECT dockerfile, scenario, wall_seconds, steps_cached, steps_executed FROM builds WHERE bench_run_id = \(latest) ORDER BY id"
            )
            var groups: [String: [[String: SQLiteValue]]] = [:]
            var order: [String] = []
            for row in rows {
                let key = (row["dockerfile"]?.string ?? "") + "\u{0}" + (row["scenario"]?.string ?? "")
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(row)
            }
            for key in order {
                let rows = groups[key]!
                let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false)
                let times = rows.compactMap { $0["wall_seconds"]?.double }.sorted()
                let cached = rows.compactMap { $0["steps_cached"]?.int }.reduce(0, +)
                let executed = rows.compactMap { $0["steps_executed"]?.int }.reduce(0, +)
                builds.append(
                    BuildFigure(
                        dockerfile: String(parts[0]), scenario: String(parts[1]),
                        seconds: times.isEmpty ? 0 : times[times.count / 2],
                        cacheHitRatio: cached + executed == 0 ? 1 : Double(cached) / Double(cached + executed)))
            }
        }
        let scans = try query("SELECT image, at, critical, high, medium, low, unknown FROM scans ORDER BY id").map {
            row in
            ScanFigure(
                image: row["image"]?.string ?? "", at: row["at"]?.string ?? "",
                counts: [
                    "CRITICAL": row["critical"]?.int ?? 0, "HIGH": row["high"]?.int ?? 0,
                    "MEDIUM": row["medium"]?.int ?? 0, "LOW": row["low"]?.int ?? 0,
                    "UNKNOWN": row["unknown"]?.int ?? 0,
                ])
        }
        self.init(builds: builds, scans: scans)
    }
}
