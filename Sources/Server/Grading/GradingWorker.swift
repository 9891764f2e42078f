import Bench
import Dockerfile
import Engine
import Foundation
import Gym

/// Takes submissions from the store one at a time and measures them again: the image is pulled by digest
/// into the server's engine and the exercise's own checks run on it, with the submitted workspace for the
/// checks that read or build it. Only this verdict counts.
public struct GradingWorker: Sendable {
    let store: any ClassStore
    public let name: String
    let lease: TimeInterval
    /// How often an idle worker looks for a job.
    let poll: Duration
    /// The engine this worker pulls, builds and runs on (a build farm's machine, or the local one).
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
        let (status, verdict) = await Self.onThread { Self.grade(job, on: engine) }
        _ = try await store.finish(id: job.submission.id, worker: name, status: status, verdict: verdict, at: Date())
        return (job.submission.id, status)
    }

    /// The checks are synchronous (they spawn docker and wait): they run on a thread of their own, not on the
    /// concurrency pool the server's routes need.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
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
        // this job's own name for the pulled image: another worker grading the same digest holds it under its
        // own, and neither removes it from under the other
        let held = "gym-grade-\(submission.id)-\(UUID().uuidString.prefix(8).lowercased()):submitted"
        let measured: BuildResult
        do {
            try engine.hold(submission.image, as: held)
            measured = try engine.measuredImage(held)
        } catch {
            engine.release(submission.image, heldAs: held)
            return failure("\(error)")
        }
        defer { engine.release(submission.image, heldAs: held) }
        let results = Grader.check(exercise, in: directory, submittedImage: held, engine: engine)
        let checks = results.map {
            VerifiedCheck(id: $0.id, passed: $0.passed, measured: $0.measured, advice: $0.advice)
        }
        let passed = !results.isEmpty && results.allSatisfy(\.passed)
        var reason = results.first { !$0.passed }.map { "\($0.id): \($0.measured)" }
        if let claimed = submission.claimed.sizeBytes, let size = measured.imageSize,
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
            passed: passed, checks: checks, sizeBytes: measured.imageSize,
            baseImage: baseImage(directory.appendingPathComponent(exercise.dockerfile).path), reason: reason)
        return (passed ? .passed : .failed, verdict)
    }

    /// The final stage's base image as the Dockerfile names it (stage aliases followed, ARGs expanded).
    static func baseImage(_ dockerfile: String) -> String? {
        try? Dockerfile.parse(contentsOfFile: dockerfile).finalBaseImage()
    }
}
