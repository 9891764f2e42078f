import Foundation

/// A row of `ClassStatements.submissions`, read the same from either store.
struct SubmissionRow: Sendable {
    var submission: Submission
    var memberID: String
    var classID: String
    var workspace: Data
    var attempts: Int

    init(
        id: Int64, student: String, memberID: String, exercise: String, status: String, claimed: Data,
        verdict: Data?, submittedAt: Double, gradedAt: Double?, classID: String, workspace: Data, attempts: Int
    ) throws {
        let decoder = JSONDecoder()
        submission = Submission(
            id: id, student: student, exercise: exercise, status: SubmissionStatus(rawValue: status) ?? .error,
            claimed: try decoder.decode(ClaimedResult.self, from: claimed),
            verdict: try verdict.map { try decoder.decode(Verdict.self, from: $0) },
            submittedAt: Date(timeIntervalSince1970: submittedAt),
            gradedAt: gradedAt.map { Date(timeIntervalSince1970: $0) })
        self.memberID = memberID
        self.classID = classID
        self.workspace = workspace
        self.attempts = attempts
    }

    /// The job a worker claimed.
    func job() throws -> GradingJob {
        GradingJob(
            submission: submission, workspace: try JSONDecoder().decode([WorkspaceFile].self, from: workspace),
            attempt: attempts)
    }

    /// Its line on the leaderboard, when it has a measured size.
    var leaderboardRow: Leaderboards.Row? {
        guard let size = submission.verdict?.sizeBytes else { return nil }
        return (
            student: submission.student, submissionID: submission.id, sizeBytes: size,
            baseImage: submission.verdict?.baseImage, submittedAt: submission.submittedAt
        )
    }
}
