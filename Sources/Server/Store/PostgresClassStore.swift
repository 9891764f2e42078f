import Foundation
import Logging
import PostgresNIO

/// The class in a PostgreSQL database (a department's), with the same tables as SQLite. Workers on several
/// machines share its queue: a claim locks the row it takes and skips rows others hold (`FOR UPDATE SKIP
/// LOCKED`), so no two workers grade one submission and none waits for another.
public final class PostgresClassStore: ClassStore {
    let client: PostgresClient
    let runner: Task<Void, Never>
    /// Libraries never print: the pool's own retries are not logged, its failures reach the caller as errors.
    let logger: Logger = {
        var logger = Logger(label: "gym.server.postgres")
        logger.logLevel = .critical
        return logger
    }()
    public let location: String

    /// Connects to `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE` and brings its tables up to date.
    /// How long a store waits for its database to answer at opening: 15 s, or `GYM_DATABASE_TIMEOUT` seconds
    /// (a database on a machine busy enough to keep it waiting that long).
    public static var defaultConnectLimit: Duration {
        .seconds(
            ProcessInfo.processInfo.environment["GYM_DATABASE_TIMEOUT"].flatMap { Int64($0) }.map { max(1, $0) } ?? 15)
    }

    public init(url: String, connectLimit: Duration = PostgresClassStore.defaultConnectLimit) async throws(ServerError)
    {
        guard let parts = URLComponents(string: url), ["postgres", "postgresql"].contains(parts.scheme ?? ""),
            let host = parts.host, !host.isEmpty, let user = parts.user
        else {
            throw .database("\(url): expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE")
        }
        let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
        var configuration = PostgresClient.Configuration(
            host: host, port: parts.port ?? 5432, username: user, password: parts.password,
            database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.connectTimeout = .seconds(10)
        // a server's requests and its workers share the pool; the default 20 per store lets a few stores on
        // one cluster use up PostgreSQL's 100 connections, after which the pool retries in silence
        configuration.options.maximumConnections = 8
        location = "postgres://\(user)@\(host):\(parts.port ?? 5432)/\(database)"
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await Self.within(connectLimit, what: "connecting to \(location)") { () throws(ServerError) in
                try await self.migrate()
            }
        } catch {
            runner.cancel()
            throw error
        }
    }

    deinit { runner.cancel() }

    /// The pool retries a server that does not answer for ever; a store that cannot reach its database within
    /// `limit` is an error instead.
    static func within(
        _ limit: Duration, what: String, _ body: @escaping @Sendable () async throws(ServerError) -> Void
    )
        async throws(ServerError)
    {
        let outcome = await withTaskGroup(of: ServerError?.self) { group in
            group.addTask {
                do throws(ServerError) {
                    try await body()
                    return nil
                } catch { return error }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return .database("\(what): no answer within \(limit)")
            }
            let first = await group.next()!
            group.cancelAll()
            return first
        }
        if let outcome { throw outcome }
    }

    func run<T>(_ what: String, _ body: () async throws -> T) async throws(ServerError) -> T {
        do { return try await body() } catch let error as ServerError { throw error } catch {
            if let transaction = error as? PostgresTransactionError,
                let inner = transaction.closureError as? ServerError
            {
                throw inner
            }
            throw .database("\(location): \(what): \(Self.explain(error))")
        }
    }

    /// The server's own message where there is one, not the driver's dump of its state.
    static func explain(_ error: any Error) -> String {
        if let error = error as? PostgresTransactionError {
            for inner in [error.beginError, error.closureError, error.commitError, error.rollbackError] {
                if let inner { return explain(inner) }
            }
        }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return message }
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }

    /// Applies the migrations not yet recorded, one process at a time (an advisory lock).
    func migrate() async throws(ServerError) {
        try await run("migrating") {
            try await client.withTransaction(logger: logger) { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(4735001)", logger: logger)
                try await connection.query(
                    "CREATE TABLE IF NOT EXISTS gym_migrations (name TEXT PRIMARY KEY, applied_at DOUBLE PRECISION)",
                    logger: logger)
                var applied = Set<String>()
                for try await name in try await connection.query("SELECT name FROM gym_migrations", logger: logger)
                    .decode(String.self)
                {
                    applied.insert(name)
                }
                for migration in ClassSchema.migrations(.postgres) where !applied.contains(migration.name) {
                    for statement in migration.sql.split(separator: ";")
                    where !statement.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        try await connection.query(PostgresQuery(unsafeSQL: String(statement)), logger: logger)
                    }
                    let now = Date().timeIntervalSince1970
                    try await connection.query(
                        "INSERT INTO gym_migrations (name, applied_at) VALUES (\(migration.name), \(now))",
                        logger: logger)
                }
            }
        }
    }

    public func createClass(name: String) async throws(ServerError) -> CreatedClass {
        let name = try ClassNames.className(name)
        let created = CreatedClass(
            classID: Secret.make("c").prefix(13).description, name: name, instructorToken: Secret.make("gymi_"),
            inviteCode: Secret.make("").prefix(12).description)
        let now = Date().timeIntervalSince1970
        let memberID = Secret.make("m").prefix(13).description
        try await run("creating a class") {
            try await client.withTransaction(logger: logger) { connection in
                let existing = try await connection.query("SELECT 1 FROM class WHERE name = \(name)", logger: logger)
                for try await _ in existing { throw ServerError.conflict("a class named \(name) exists already") }
                let invite = Secret.hash(created.inviteCode)
                try await connection.query(
                    "INSERT INTO class (id, name, invite_hash, created_at) VALUES (\(created.classID), \(name), \(invite), \(now))",
                    logger: logger)
                let token = Secret.hash(created.instructorToken)
                try await connection.query(
                    """
                    INSERT INTO member (id, class_id, name, role, token_hash, created_at)
                    VALUES (\(memberID), \(created.classID), 'instructor', 'instructor', \(token), \(now))
                    """, logger: logger)
            }
        }
        return created
    }

    public func join(inviteCode: String, name: String) async throws(ServerError) -> Enrolment {
        let name = try ClassNames.student(name)
        let token = Secret.make("gyms_")
        let now = Date().timeIntervalSince1970
        let memberID = Secret.make("m").prefix(13).description
        return try await run("joining") {
            try await client.withTransaction(logger: logger) { connection in
                let invite = Secret.hash(inviteCode)
                var found: (String, String)?
                for try await row in try await connection.query(
                    "SELECT id, name FROM class WHERE invite_hash = \(invite)", logger: logger
                ).decode((String, String).self) {
                    found = row
                }
                guard let (classID, className) = found else {
                    throw ServerError.notFound("no class has that invite code")
                }
                for try await _ in try await connection.query(
                    "SELECT 1 FROM member WHERE class_id = \(classID) AND lower(name) = \(name)", logger: logger)
                {
                    throw ServerError.conflict("\(name) is taken in this class: choose another name")
                }
                let hash = Secret.hash(token)
                try await connection.query(
                    """
                    INSERT INTO member (id, class_id, name, role, token_hash, created_at)
                    VALUES (\(memberID), \(classID), \(name), 'student', \(hash), \(now))
                    """, logger: logger)
                try await connection.query(
                    "UPDATE class SET revision = revision + 1 WHERE id = \(classID)", logger: logger)
                return Enrolment(classID: classID, className: className, name: name, token: token)
            }
        }
    }

    public func member(token: String) async throws(ServerError) -> ClassMember? {
        let hash = Secret.hash(token)
        return try await run("reading a member") {
            let rows = try await client.query(
                """
                SELECT member.id, member.class_id, class.name, member.name, member.role
                FROM member JOIN class ON class.id = member.class_id WHERE member.token_hash = \(hash)
                """, logger: logger)
            for try await (id, classID, className, name, role) in rows.decode(
                (String, String, String, String, String).self)
            {
                return ClassMember(
                    id: id, classID: classID, className: className, name: name,
                    role: ClassRole(rawValue: role) ?? .student)
            }
            return nil
        }
    }

    public func submit(
        _ request: SubmissionRequest, by member: ClassMember, at date: Date, fingerprint: String?
    ) async throws(ServerError)
        -> Int64
    {
        let (workspace, claimed) = try StoredJSON.submission(request)
        let time = date.timeIntervalSince1970
        return try await run("storing a submission") {
            let rows = try await client.query(
                """
                INSERT INTO submission (member_id, exercise, image, workspace, claimed, status, submitted_at,
                                        change_fingerprint)
                VALUES (\(member.id), \(request.exercise), '', \(workspace), \(claimed), 'queued', \(time),
                        \(fingerprint))
                RETURNING id
                """, logger: logger)
            var inserted: Int64?
            for try await id in rows.decode(Int64.self) { inserted = id }
            guard let inserted else { throw ServerError.database("\(location): the insert returned no ID") }
            try await bump(byMember: member.id)
            return inserted
        }
    }

    static let submissionColumns: PostgresQuery = """
        SELECT submission.id, member.name, submission.member_id, submission.exercise, submission.image,
               submission.status, submission.claimed, submission.verdict, submission.submitted_at,
               submission.graded_at, member.class_id, submission.workspace, submission.attempts
        FROM submission JOIN member ON member.id = submission.member_id
        """

    struct FullRow {
        var submission: Submission
        var memberID: String
        var classID: String
        var workspace: Data
        var attempts: Int
    }

    static func decode(_ row: PostgresRow) throws -> FullRow {
        let columns = row.makeRandomAccess()
        let decoder = JSONDecoder()
        let verdict = try columns[7].decode(Data?.self)
        let graded = try columns[9].decode(Double?.self)
        let submission = Submission(
            id: try columns[0].decode(Int64.self), student: try columns[1].decode(String.self),
            exercise: try columns[3].decode(String.self),
            status: SubmissionStatus(rawValue: try columns[5].decode(String.self)) ?? .error,
            claimed: try decoder.decode(ClaimedResult.self, from: try columns[6].decode(Data.self)),
            verdict: try verdict.map { try decoder.decode(Verdict.self, from: $0) },
            submittedAt: Date(timeIntervalSince1970: try columns[8].decode(Double.self)),
            gradedAt: graded.map { Date(timeIntervalSince1970: $0) })
        return FullRow(
            submission: submission, memberID: try columns[2].decode(String.self),
            classID: try columns[10].decode(String.self), workspace: try columns[11].decode(Data.self),
            attempts: Int(try columns[12].decode(Int32.self)))
    }

    func select(_ condition: PostgresQuery, on connection: PostgresConnection? = nil) async throws -> [FullRow] {
        var query = Self.submissionColumns
        query.sql += " " + condition.sql
        query.binds = condition.binds
        let rows =
            if let connection {
                try await connection.query(query, logger: logger)
            } else {
                try await client.query(query, logger: logger)
            }
        var found: [FullRow] = []
        for try await row in rows { found.append(try Self.decode(row)) }
        return found
    }

    public func submission(id: Int64) async throws(ServerError) -> (Submission, memberID: String, classID: String)? {
        try await run("reading a submission") {
            try await select("WHERE submission.id = \(id)").first.map { ($0.submission, $0.memberID, $0.classID) }
        }
    }

    public func history(classID: String, student: String) async throws(ServerError) -> [Submission] {
        try await run("reading a history") {
            try await select(
                "WHERE member.class_id = \(classID) AND member.name = \(student) ORDER BY submission.id DESC"
            ).map(\.submission)
        }
    }

    public func changes(classID: String, references: [String]) async throws(ServerError) -> [SharedChanges.Record] {
        try await run("reading the change digests") {
            let rows = try await client.query(
                """
                SELECT submission.id, member.name, submission.exercise, submission.change_fingerprint
                FROM submission JOIN member ON member.id = submission.member_id
                WHERE member.class_id = \(classID) AND (submission.change_fingerprint = ANY(\(references))
                  OR submission.change_fingerprint IN (
                    SELECT shared.change_fingerprint FROM submission AS shared
                    JOIN member AS sender ON sender.id = shared.member_id
                    WHERE sender.class_id = \(classID) AND shared.change_fingerprint IS NOT NULL
                    GROUP BY shared.change_fingerprint HAVING COUNT(DISTINCT shared.member_id) > 1))
                """, logger: logger)
            var records: [SharedChanges.Record] = []
            for try await (id, student, exercise, fingerprint) in rows.decode((Int64, String, String, String).self) {
                records.append(
                    SharedChanges.Record(
                        submissionID: id, student: student, exercise: exercise, fingerprint: fingerprint))
            }
            return records
        }
    }

    public func claim(worker: String, lease: TimeInterval, now: Date) async throws(ServerError) -> GradingJob? {
        let time = now.timeIntervalSince1970
        let until = time + lease
        return try await run("claiming a job") {
            try await client.withTransaction(logger: logger) { connection -> GradingJob? in
                var claimed: Int64?
                for try await id in try await connection.query(
                    """
                    UPDATE submission SET status = 'grading', worker = \(worker), lease_until = \(until),
                        attempts = attempts + 1
                    WHERE id = (
                        SELECT id FROM submission
                        WHERE status = 'queued' OR (status = 'grading' AND lease_until < \(time))
                        ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                    RETURNING id
                    """, logger: logger
                ).decode(Int64.self) {
                    claimed = id
                }
                guard let claimed, let row = try await select("WHERE submission.id = \(claimed)", on: connection).first
                else { return nil }
                try await connection.query(
                    "UPDATE class SET revision = revision + 1 WHERE id = \(row.classID)", logger: logger)
                return GradingJob(
                    submission: row.submission,
                    workspace: try JSONDecoder().decode([WorkspaceFile].self, from: row.workspace),
                    attempt: row.attempts)
            }
        }
    }

    public func finish(
        id: Int64, worker: String, status: SubmissionStatus, verdict: Verdict, at date: Date
    )
        async throws(ServerError) -> Bool
    {
        let encoded = try StoredJSON.verdict(verdict)
        let size = verdict.passed ? verdict.sizeBytes : nil
        let time = date.timeIntervalSince1970
        return try await run("storing a verdict") {
            let rows = try await client.query(
                """
                UPDATE submission SET status = \(status.rawValue), verdict = \(encoded), size_bytes = \(size),
                    graded_at = \(time), lease_until = NULL
                WHERE id = \(id) AND worker = \(worker) AND status = 'grading' RETURNING id
                """, logger: logger)
            var changed = 0
            for try await _ in rows { changed += 1 }
            guard changed == 1 else { return false }
            try await bump(bySubmission: id)
            return true
        }
    }

    public func leaderboard(classID: String, exercise: String) async throws(ServerError) -> [LeaderboardEntry] {
        try await run("reading the leaderboard") {
            let rows = try await select(
                """
                WHERE member.class_id = \(classID) AND submission.exercise = \(exercise)
                  AND submission.status = 'passed' AND submission.size_bytes IS NOT NULL
                """)
            return Leaderboards.entries(
                rows.compactMap { row in
                    guard let size = row.submission.verdict?.sizeBytes else { return nil }
                    return (
                        student: row.submission.student, submissionID: row.submission.id, sizeBytes: size,
                        baseImage: row.submission.verdict?.baseImage, submittedAt: row.submission.submittedAt
                    )
                })
        }
    }

    public func progress(classID: String, exercises: [String]) async throws(ServerError) -> ProgressGrid {
        try await run("reading the progress grid") {
            var className = ""
            for try await name in try await client.query("SELECT name FROM class WHERE id = \(classID)", logger: logger)
                .decode(String.self)
            {
                className = name
            }
            var students: [String] = []
            for try await name in try await client.query(
                "SELECT name FROM member WHERE class_id = \(classID) AND role = 'student' ORDER BY name", logger: logger
            ).decode(String.self) {
                students.append(name)
            }
            // what the grid counts and nothing more (no workspace, no verdict): the hints read by the database
            var records: [ProgressRecord] = []
            let rows = try await client.query(
                """
                SELECT member.name, submission.exercise, submission.status,
                       COALESCE((convert_from(submission.claimed, 'UTF8')::jsonb ->> 'hints')::int, 0),
                       submission.submitted_at
                FROM submission JOIN member ON member.id = submission.member_id
                WHERE member.class_id = \(classID) ORDER BY submission.id
                """, logger: logger)
            for try await (student, exercise, status, hints, submittedAt) in rows.decode(
                (String, String, String, Int, Double).self)
            {
                records.append(
                    ProgressRecord(
                        student: student, exercise: exercise, status: SubmissionStatus(rawValue: status) ?? .error,
                        hints: hints, submittedAt: Date(timeIntervalSince1970: submittedAt)))
            }
            return ProgressGrids.grid(className: className, students: students, exercises: exercises, records: records)
        }
    }

    // MARK: the announcement outbox

    public func enqueue(_ announcement: Announcement, at date: Date) async throws(ServerError) -> Bool {
        let body = try StoredJSON.announcement(announcement)
        let time = date.timeIntervalSince1970
        return try await run("keeping an announcement") {
            let rows = try await client.query(
                """
                INSERT INTO announcement (submission_id, body, next_attempt_at)
                VALUES (\(announcement.submissionID), \(body), \(time))
                ON CONFLICT (submission_id) DO NOTHING RETURNING id
                """, logger: logger)
            for try await _ in rows.decode(Int64.self) { return true }
            return false
        }
    }

    public func nextAnnouncement(now: Date, hold: TimeInterval) async throws(ServerError) -> PendingAnnouncement? {
        let time = now.timeIntervalSince1970
        let until = time + hold
        return try await run("taking an announcement") {
            let rows = try await client.query(
                """
                UPDATE announcement SET attempts = attempts + 1, next_attempt_at = \(until)
                WHERE id = (
                    SELECT id FROM announcement WHERE posted_at IS NULL AND next_attempt_at <= \(time)
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING id, body, attempts
                """, logger: logger)
            for try await (id, body, attempts) in rows.decode((Int64, String, Int).self) {
                return PendingAnnouncement(id: id, announcement: try StoredJSON.announcement(body), attempts: attempts)
            }
            return nil
        }
    }

    public func announcementPosted(id: Int64, at date: Date) async throws(ServerError) {
        let time = date.timeIntervalSince1970
        try await run("recording a posted announcement") {
            try await client.query("UPDATE announcement SET posted_at = \(time) WHERE id = \(id)", logger: logger)
        }
    }

    public func announcementRetry(id: Int64, at date: Date) async throws(ServerError) {
        let time = date.timeIntervalSince1970
        try await run("postponing an announcement") {
            try await client.query(
                "UPDATE announcement SET next_attempt_at = \(time) WHERE id = \(id) AND posted_at IS NULL",
                logger: logger)
        }
    }

    // MARK: the class's revision

    public func revision(classID: String) async throws(ServerError) -> Int64 {
        try await run("reading the class's revision") {
            let rows = try await client.query("SELECT revision FROM class WHERE id = \(classID)", logger: logger)
            for try await revision in rows.decode(Int64.self) { return revision }
            return 0
        }
    }

    /// Raises the revision of a member's class, after the write that changed it.
    func bump(byMember memberID: String) async throws {
        try await client.query(
            "UPDATE class SET revision = revision + 1 WHERE id = (SELECT class_id FROM member WHERE id = \(memberID))",
            logger: logger)
    }

    /// Raises the revision of a submission's class, after the write that changed it.
    func bump(bySubmission id: Int64) async throws {
        try await client.query(
            """
            UPDATE class SET revision = revision + 1
            WHERE id = (SELECT member.class_id FROM submission JOIN member ON member.id = submission.member_id
                        WHERE submission.id = \(id))
            """, logger: logger)
    }
}
