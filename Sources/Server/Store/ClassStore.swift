import Base
import Foundation
import ServiceLifecycle

/// Where the class keeps its state: SQLite through GRDB on a laptop; the same tables on PostgreSQL for a
/// department. Every method commits before it returns, so what a route answered survives the process.
///
/// A store has a lifetime: what `services` names must run while it is used (PostgreSQL's connection pool), and
/// `prepare()` brings its tables up to date once they do. `ClassStores.withStore` scopes both to one piece of
/// work; `gym server run` makes them services of its Hummingbird application.
public protocol ClassStore: Sendable {
    /// What must run while the store is in use: PostgreSQL's connection pool; nothing for SQLite.
    var services: [any Service] { get }
    /// Brings the tables up to date; needs `services` running. An error when the database does not answer.
    func prepare() async throws(ServerError)
    /// Creates a class: its instructor token and invite code are returned once and kept only hashed.
    func createClass(name: String) async throws(ServerError) -> CreatedClass
    /// Adds a student to the class the invite code opens.
    func join(inviteCode: String, name: String) async throws(ServerError) -> Enrolment
    /// The member a token belongs to, nil for an unknown token.
    func member(token: String) async throws(ServerError) -> ClassMember?
    /// Records a submission, queued for a worker, with the digest of its changes from the starter; its ID.
    func submit(
        _ request: SubmissionRequest, by member: ClassMember, at date: Date, fingerprint: String?
    ) async throws(ServerError) -> Int64
    /// The change digests of the class's submissions that matter to the pages: those two or more students
    /// share, and those equal to one of `references` (the reference solutions').
    func changes(classID: String, references: [String]) async throws(ServerError) -> [SharedChanges.Record]
    /// A submission, the member who sent it and their class.
    func submission(id: Int64) async throws(ServerError) -> (Submission, memberID: String, classID: String)?
    /// One student's submissions, newest first.
    func history(classID: String, student: String) async throws(ServerError) -> [Submission]
    /// Takes the oldest queued submission (or one whose worker's lease ran out) for `worker`, nil when none.
    /// Two workers never hold one job at once.
    func claim(worker: String, lease: TimeInterval, now: Date) async throws(ServerError) -> GradingJob?
    /// Stores a worker's verdict; false when the job is no longer this worker's (its lease was taken over).
    func finish(
        id: Int64, worker: String, status: SubmissionStatus, verdict: Verdict, at date: Date
    )
        async throws(ServerError) -> Bool
    /// Every student's smallest verified size for `exercise`, smallest first.
    func leaderboard(classID: String, exercise: String) async throws(ServerError) -> [LeaderboardEntry]
    /// Student × exercise.
    func progress(classID: String, exercises: [String]) async throws(ServerError) -> ProgressGrid
    /// The class's revision: it changes whenever a member joins or a submission is made, taken or graded.
    func revision(classID: String) async throws(ServerError) -> Int64
    /// Puts an announcement in the outbox; false when that submission has one already.
    func enqueue(_ announcement: Announcement, at date: Date) async throws(ServerError) -> Bool
    /// Takes the oldest announcement due for posting and holds it for `hold` seconds (another poster does not
    /// take it meanwhile); nil when none is due.
    func nextAnnouncement(now: Date, hold: TimeInterval) async throws(ServerError) -> PendingAnnouncement?
    /// Records that the webhook took it (never posted again), or when to try again.
    func announcementPosted(id: Int64, at date: Date) async throws(ServerError)
    func announcementRetry(id: Int64, at date: Date) async throws(ServerError)
}

extension ClassStore {
    /// Records a submission without a change digest.
    public func submit(
        _ request: SubmissionRequest, by member: ClassMember, at date: Date
    ) async throws(ServerError)
        -> Int64
    {
        try await submit(request, by: member, at: date, fingerprint: nil)
    }
}

/// Secrets: random, shown once, stored as their SHA-256.
enum Secret {
    static func make(_ prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<24).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func hash(_ secret: String) -> String { SHA256.hex(Array(secret.utf8)) }
}

/// The JSON columns both stores write: a submission's workspace and claim, a verdict.
enum StoredJSON {
    static func submission(_ request: SubmissionRequest) throws(ServerError) -> (workspace: Data, claimed: Data) {
        do {
            return (try JSONEncoder().encode(request.workspace), try JSONEncoder().encode(request.claimed))
        } catch { throw .badRequest("cannot encode the submission: \(error)") }
    }

    static func announcement(_ announcement: Announcement) throws(ServerError) -> String {
        do { return String(decoding: try JSONEncoder().encode(announcement), as: UTF8.self) } catch {
            throw .database("cannot encode an announcement: \(error)")
        }
    }

    static func announcement(_ text: String) throws -> Announcement {
        try JSONDecoder().decode(Announcement.self, from: Data(text.utf8))
    }

    static func verdict(_ verdict: Verdict) throws(ServerError) -> Data {
        do { return try JSONEncoder().encode(verdict) } catch {
            throw .database("cannot encode a verdict: \(error)")
        }
    }
}
