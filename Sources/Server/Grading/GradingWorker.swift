import Base
import Bench
import Engine
import Foundation
import Gym

/// Takes submissions from the store one at a time and measures them: the submitted files are built on the
/// worker's engine and the exercise's own checks run on that build, exactly as `gym check` runs them on a
/// learner's machine. Only this verdict counts.
public struct GradingWorker: Sendable {
    let store: any ClassStore
    public let name: String
    let lease: TimeInterval
    /// How often an idle worker looks for a job.
    let poll: Duration
    /// The engine this worker builds and runs on (a build farm's machine, or the local one).
    public let engine: Engine

    public init(
        store: any ClassStore, name: String, lease: TimeInterval, poll: Duration = .milliseconds(500),
        engine: Engine = .local
    ) {
        self.store = store
        self.name = name
        self.lease = lease
        self.poll = poll
        self.engine = engine
    }

    /// Grades until cancelled. A store that fails for a moment (the database restarting) does not end the
    /// worker: the error goes to `onError` and the worker tries again after `retry`; a job it held returns to
    /// the queue when its lease ends.
    public func run(
        retry: Duration = .seconds(2), onError: @escaping @Sendable (ServerError) -> Void = { _ in }
    ) async throws {
        while !Task.isCancelled {
            do {
                if try await gradeNext() == nil { try await Task.sleep(for: poll) }
            } catch let error as ServerError {
                onError(error)
                try await Task.sleep(for: retry)
            }
        }
    }

    /// Grades the next job, if there is one: its ID and status.
    @discardableResult
    public func gradeNext() async throws(ServerError) -> (Int64, SubmissionStatus)? {
        guard let job = try await store.claim(worker: name, lease: lease, now: Date()) else { return nil }
        let engine = self.engine
        let (status, verdict) = await BlockingWork.run { Self.grade(job, on: engine) }
        let finished = try await store.finish(
            id: job.submission.id, worker: name, status: status, verdict: verdict, at: Date())
        if finished && status == .passed && job.submission.exercise == Leaderboards.sizeChallenge {
            try await Announcer.keep(afterPassing: job.submission.id, in: store)
        }
        return (job.submission.id, status)
    }

    static func grade(_ job: GradingJob, on engine: Engine) -> (SubmissionStatus, Verdict) {
        let submission = job.submission
        func failure(_ reason: String) -> (SubmissionStatus, Verdict) {
            (.error, Verdict(passed: false, checks: [], sizeBytes: nil, baseImage: nil, reason: reason))
        }
        guard let exercise = try? ExerciseCatalog.standard().exercise(submission.exercise) else {
            return failure("unknown exercise \(submission.exercise)")
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "gym-grade-\(submission.id)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            try SubmittedWorkspace.write(job.workspace, to: directory)
        } catch {
            return failure("\(error)")
        }
        // the server builds the submitted files itself, as gym check does: the image it measures is its own
        // build of exactly these files, never one a student made elsewhere
        let measured = MeasuredBuild()
        let results = Grader.check(
            exercise, in: directory, engine: engine,
            whileImageExists: { context in
                guard case .success(let built) = context.image() else { return }
                measured.record(size: built.imageSize, imageID: built.imageID, base: context.base())
            })
        if Grader.engineMissing(results) { return failure(Grader.noEngine) }
        let checks = results.map {
            VerifiedCheck(id: $0.id, passed: $0.passed, measured: $0.measured, advice: $0.advice)
        }
        let passed = !results.isEmpty && results.allSatisfy(\.passed)
        var reason = results.first { !$0.passed }.map { "\($0.id): \($0.measured)" }
        if let claimed = submission.claimed.sizeBytes, let size = measured.size,
            abs(Double(claimed - size)) > Double(size) * 0.01
        {
            let note = "the client claimed \(claimed) bytes; the server measured \(size)"
            reason = reason.map { $0 + "; " + note } ?? note
        }
        if submission.claimed.passed != passed {
            let note = "the client's own check said \(submission.claimed.passed ? "passed" : "failed")"
            reason = reason.map { $0 + "; " + note } ?? note
        }
        let verdict = Verdict(
            passed: passed, checks: checks, sizeBytes: measured.size, baseImage: measured.baseImage,
            reason: reason, imageID: measured.imageID)
        return (passed ? .passed : .failed, verdict)
    }
}

/// What a worker's own build measured, read while the image still exists.
private final class MeasuredBuild: @unchecked Sendable {
    private(set) var size: Int64?
    private(set) var imageID: String?
    /// The final stage's base as the build used it: named only when the built image really starts with the
    /// base's layers (or the stage is `FROM scratch`).
    private(set) var baseImage: String?

    func record(size: Int64?, imageID: String?, base: (name: String, layers: Int)?) {
        self.size = size
        self.imageID = imageID
        if let base, base.layers > 0 || base.name.lowercased() == "scratch" { baseImage = base.name }
    }
}
