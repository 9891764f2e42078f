import Base
import Foundation
import Gym
import Registry

/// `gym submit`: the learner's own check, then the workspace's files posted. The server builds those files
/// itself and measures everything again; what this sends besides the files is only a claim.
public enum ClassSubmission {
    /// What was sent and what the local check said.
    public struct Outcome: Sendable {
        public var accepted: SubmissionAccepted
        /// How many files were sent, and their bytes.
        public var files: Int
        public var bytes: Int
        public var localResults: [CheckResult]
        /// The size of the image the local check built (sent as a claim only).
        public var localSize: Int64?
    }

    /// Runs the exercise's checks on `workspace`, then posts its files with what the check said.
    public static func submit(
        _ exercise: Exercise, workspace: URL, login: ClassLogin, hints: Int?,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws(ServerError) -> Outcome {
        let client = ClassClient(login)
        // the files first: a workspace over the limit is refused before minutes of building
        let files = try SubmittedWorkspace.read(workspace)
        let size = LockedSize()
        // the local check builds and runs containers: blocking work, off the concurrency pool
        let results = await BlockingWork.run {
            Grader.check(exercise, in: workspace, progress: progress) { context in
                if case .success(let built) = context.image() { size.value = built.imageSize }
            }
        }
        let request = SubmissionRequest(
            exercise: exercise.slug, workspace: files,
            claimed: ClaimedResult(passed: results.allSatisfy(\.passed), sizeBytes: size.value, hints: hints))
        progress("sending \(files.count) files ...")
        let accepted = try await client.submit(request)
        let bytes = files.reduce(0) { $0 + (Data(base64Encoded: $1.content)?.count ?? 0) }
        return Outcome(
            accepted: accepted, files: files.count, bytes: bytes, localResults: results, localSize: size.value)
    }
}

/// The local build's size, read in the grader's callback.
private final class LockedSize: @unchecked Sendable {
    var value: Int64?
}
