import Foundation
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

@testable import Server

/// A worker outlives a store that fails for a moment: the error is reported, the worker tries again and
/// grades the job.
@Suite(.ownThreads)
struct GradingWorkerTests {
    /// A store whose first `failures` claims fail, as a database that is restarting would.
    final class FlakyStore: ClassStore {
        let inner: SQLiteClassStore
        let failures = Mutex(1)

        init(_ inner: SQLiteClassStore) { self.inner = inner }

        var services: [any Service] { inner.services }
        func prepare() async throws(ServerError) { try await inner.prepare() }

        func claim(worker: String, lease: TimeInterval, now: Date) async throws(ServerError) -> GradingJob? {
            let fail = failures.withLock { left in
                defer { left -= 1 }
                return left > 0
            }
            if fail { throw .database("the database is restarting") }
            return try await inner.claim(worker: worker, lease: lease, now: now)
        }

        func createClass(name: String) async throws(ServerError) -> CreatedClass {
            try await inner.createClass(name: name)
        }
        func join(inviteCode: String, name: String) async throws(ServerError) -> Enrolment {
            try await inner.join(inviteCode: inviteCode, name: name)
        }
        func member(token: String) async throws(ServerError) -> ClassMember? { try await inner.member(token: token) }
        func submit(
            _ request: SubmissionRequest, by member: ClassMember, at date: Date, fingerprint: String?
        ) async throws(ServerError)
            -> Int64
        { try await inner.submit(request, by: member, at: date, fingerprint: fingerprint) }
        func changes(classID: String, references: [String]) async throws(ServerError) -> [SharedChanges.Record] {
            try await inner.changes(classID: classID, references: references)
        }
        func revision(classID: String) async throws(ServerError) -> Int64 {
            try await inner.revision(classID: classID)
        }
        func enqueue(_ announcement: Announcement, at date: Date) async throws(ServerError) -> Bool {
            try await inner.enqueue(announcement, at: date)
        }
        func nextAnnouncement(now: Date, hold: TimeInterval) async throws(ServerError) -> PendingAnnouncement? {
            try await inner.nextAnnouncement(now: now, hold: hold)
        }
        func announcementPosted(id: Int64, at date: Date) async throws(ServerError) {
            try await inner.announcementPosted(id: id, at: date)
        }
        func announcementRetry(id: Int64, at date: Date) async throws(ServerError) {
            try await inner.announcementRetry(id: id, at: date)
        }
        func submission(id: Int64) async throws(ServerError) -> (Submission, memberID: String, classID: String)? {
            try await inner.submission(id: id)
        }
        func history(classID: String, student: String) async throws(ServerError) -> [Submission] {
            try await inner.history(classID: classID, student: student)
        }
        func finish(
            id: Int64, worker: String, status: SubmissionStatus, verdict: Verdict, at date: Date
        )
            async throws(ServerError) -> Bool
        { try await inner.finish(id: id, worker: worker, status: status, verdict: verdict, at: date) }
        func leaderboard(classID: String, exercise: String) async throws(ServerError) -> [LeaderboardEntry] {
            try await inner.leaderboard(classID: classID, exercise: exercise)
        }
        func progress(classID: String, exercises: [String]) async throws(ServerError) -> ProgressGrid {
            try await inner.progress(classID: classID, exercises: exercises)
        }
    }

    @Test func aFailingStoreIsReportedAndTheWorkerCarriesOn() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gym-worker-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = FlakyStore(try SQLiteClassStore(path: path))
        let created = try await store.createClass(name: "c")
        let member = try #require(
            try await store.member(token: try await store.join(inviteCode: created.inviteCode, name: "ada").token))
        // an exercise no pack has: the worker's verdict is an error, reached without an engine
        let id = try await store.submit(
            SubmissionRequest(
                exercise: "no-such-exercise", workspace: [],
                claimed: ClaimedResult(passed: true, sizeBytes: nil, hints: nil)), by: member, at: Date())
        let reported = Mutex<[String]>([])
        let worker = GradingWorker(store: store, name: "w", lease: 60, poll: .milliseconds(50))
        let running = Task {
            try await worker.run(retry: .milliseconds(100)) { error in reported.withLock { $0.append("\(error)") } }
        }
        // a deadline, not a count of polls: on a busy CI machine the worker's first claim can wait many seconds
        var graded: Submission?
        let deadline = ContinuousClock.now + .seconds(180)
        while ContinuousClock.now < deadline {
            graded = try await store.submission(id: id)?.0
            if graded?.status == .error { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        running.cancel()
        #expect(graded?.status == .error && graded?.verdict?.reason == "unknown exercise no-such-exercise")
        #expect(reported.withLock { $0 } == ["database: the database is restarting"])
    }
}
