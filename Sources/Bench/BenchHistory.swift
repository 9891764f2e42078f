import Base
import Context
import Engine
import Foundation
import GRDB
import Spawn
import Storage

/// Every bench run and build, kept in gym's database for `gym report` to chart and `gym cache` to weigh.
/// Other modules ask this type for typed values; none reads its tables.
public struct BenchHistory: Sendable {
    public let database: GymDatabase

    public init(database: GymDatabase) {
        self.database = database
    }

    public init(path: String = GymDatabase.defaultPath) throws(StorageError) {
        self.init(database: try GymDatabase(path: path))
    }

    /// One recorded build.
    public struct Build: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
        public static let databaseTableName = "builds"
        public var id: Int64?
        public var benchRunID: Int64?
        public var startedAt: String
        public var builder: String
        public var dockerfile: String
        /// `sha256:` of the Dockerfile's bytes when it was built.
        public var dockerfileDigest: String
        public var context: String
        /// The context's commit, with `-dirty` when its tree had changes; nil outside a repository.
        public var gitRevision: String?
        public var scenario: String?
        public var changedFile: String?
        public var wallSeconds: Double
        public var stepsCached: Int
        public var stepsExecuted: Int
        public var imageID: String?
        public var imageSize: Int64?

        enum CodingKeys: String, CodingKey {
            case id, builder, dockerfile, context, scenario
            case benchRunID = "bench_run_id", startedAt = "started_at", dockerfileDigest = "dockerfile_digest"
            case gitRevision = "git_revision", changedFile = "changed_file", wallSeconds = "wall_seconds"
            case stepsCached = "steps_cached", stepsExecuted = "steps_executed", imageID = "image_id"
            case imageSize = "image_size"
        }

        public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// One step of a recorded build.
    public struct Step: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
        public static let databaseTableName = "build_steps"
        public var buildID: Int64
        public var position: Int
        /// BuildKit's vertex name: `[2/5] RUN pip install -r requirements.txt`.
        public var name: String
        public var cached: Bool
        public var seconds: Double?

        enum CodingKeys: String, CodingKey {
            case position, name, cached, seconds
            case buildID = "build_id"
        }

        /// The instruction without BuildKit's `[n/m]` or `[stage n/m]` prefix.
        public var instruction: String {
            guard name.hasPrefix("["), let close = name.firstIndex(of: "]") else { return name }
            return name[name.index(after: close)...].trimmingCharacters(in: .whitespaces)
        }
    }

    struct Run: Codable, FetchableRecord, MutablePersistableRecord {
        static let databaseTableName = "bench_runs"
        var id: Int64?
        var startedAt: String
        var label: String?

        enum CodingKeys: String, CodingKey {
            case id, label
            case startedAt = "started_at"
        }

        mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
    }

    /// Starts a bench run; builds recorded with its id are grouped under it.
    public func startRun(label: String) throws(StorageError) -> Int64 {
        try database.write { db in
            var run = Run(id: nil, startedAt: Self.now(), label: label)
            try run.insert(db)
            return run.id ?? db.lastInsertedRowID
        }
    }

    /// Records one build and its instruction steps in one transaction.
    @discardableResult
    public func record(
        _ result: BuildResult, builder: String, dockerfile: String, context: String, scenario: Scenario?,
        changedFile: String?, benchRun: Int64?
    ) throws(StorageError) -> Int64 {
        let digest = "sha256:" + SHA256.hex([UInt8](FileManager.default.contents(atPath: dockerfile) ?? Data()))
        var build = Build(
            benchRunID: benchRun, startedAt: Self.now(), builder: builder, dockerfile: dockerfile,
            dockerfileDigest: digest, context: context, gitRevision: Self.gitRevision(context),
            scenario: scenario?.rawValue, changedFile: changedFile, wallSeconds: result.wallSeconds,
            stepsCached: result.stepsCached, stepsExecuted: result.stepsExecuted, imageID: result.imageID,
            imageSize: result.imageSize)
        return try database.write { db in
            try build.insert(db)
            let id = build.id ?? db.lastInsertedRowID
            for (position, step) in result.steps.filter(\.isInstruction).enumerated() {
                try Step(buildID: id, position: position, name: step.name, cached: step.cached, seconds: step.seconds)
                    .insert(db)
            }
            return id
        }
    }

    /// Recorded builds, newest first.
    public func builds(limit: Int = 100) throws(StorageError) -> [Build] {
        try database.read { db in
            try Build.order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }

    /// A build's steps in build order.
    public func steps(ofBuild id: Int64) throws(StorageError) -> [Step] {
        try database.read { db in
            try Step.filter(Column("build_id") == id).order(Column("position")).fetchAll(db)
        }
    }

    /// The builds of the latest bench run that measured scenarios, in the order they ran; empty before any.
    public func latestRunBuilds() throws(StorageError) -> [Build] {
        try database.read { db in
            let scenarioBuilds = Build.filter(Column("scenario") != nil)
            guard let latest = try Int64.fetchOne(db, scenarioBuilds.select(max(Column("bench_run_id")))) else {
                return []
            }
            return try Build.filter(Column("bench_run_id") == latest).order(Column("id")).fetchAll(db)
        }
    }

    /// Seconds each step took in the last build of `dockerfile` that executed something, by instruction text
    /// (`RUN pip install -r requirements.txt`); empty when it was never built.
    public func lastStepTimings(dockerfile: String) throws(StorageError) -> [String: Double] {
        try database.read { db in
            let executed = Build.filter(Column("dockerfile") == dockerfile && Column("steps_executed") > 0)
            guard let build = try executed.order(Column("id").desc).fetchOne(db), let id = build.id else { return [:] }
            var timings: [String: Double] = [:]
            for step in try Step.filter(Column("build_id") == id).fetchAll(db) {
                if let seconds = step.seconds { timings[step.instruction] = seconds }
            }
            return timings
        }
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }

    /// The context's git revision (with `-dirty` when the tree has changes), nil outside a repository.
    static func gitRevision(_ directory: String) -> String? {
        // git is optional: without it (or outside a repository) the build simply has no revision
        guard let head = try? Subprocess.run(["git", "-C", directory, "rev-parse", "HEAD"]), head.succeeded else {
            return nil
        }
        let revision = String(decoding: head.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let status = try? Subprocess.run(["git", "-C", directory, "status", "--porcelain"])
        let dirty =
            !(status.map { String(decoding: $0.stdout, as: UTF8.self) }?.trimmingCharacters(
                in: .whitespacesAndNewlines
            ).isEmpty ?? true)
        return dirty ? revision + "-dirty" : revision
    }
}
