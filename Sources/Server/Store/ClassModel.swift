import Foundation

/// A member's role in a class.
public enum ClassRole: String, Codable, Sendable {
    case instructor, student
}

/// A person in a class, as a token identifies them.
public struct ClassMember: Codable, Sendable, Equatable {
    public var id: String
    public var classID: String
    public var className: String
    public var name: String
    public var role: ClassRole
}

/// A new class: the secrets are shown once and stored only hashed.
public struct CreatedClass: Codable, Sendable {
    public var classID: String
    public var name: String
    public var instructorToken: String
    public var inviteCode: String
}

/// A student's personal token, shown once on joining.
public struct Enrolment: Codable, Sendable {
    public var classID: String
    public var className: String
    public var name: String
    public var token: String
}

/// One file of the learner's workspace, sent with a submission.
public struct WorkspaceFile: Codable, Sendable, Equatable {
    public var path: String
    /// The bytes, base64.
    public var content: String
    public var executable: Bool?

    public init(path: String, content: String, executable: Bool? = nil) {
        self.path = path
        self.content = content
        self.executable = executable
    }
}

/// What the learner's own `gym check` said: recorded, shown beside the server's verdict, never trusted.
public struct ClaimedResult: Codable, Sendable, Equatable {
    public var passed: Bool
    public var sizeBytes: Int64?
    /// Hints the learner's gym showed (`gym hint`), as it reports them.
    public var hints: Int?

    public init(passed: Bool, sizeBytes: Int64?, hints: Int?) {
        self.passed = passed
        self.sizeBytes = sizeBytes
        self.hints = hints
    }
}

/// What a client posts: the exercise, the workspace's files and its own result. The server builds the files
/// itself; an `image` field an older client sends is ignored.
public struct SubmissionRequest: Codable, Sendable {
    public var exercise: String
    public var workspace: [WorkspaceFile]
    public var claimed: ClaimedResult

    public init(exercise: String, workspace: [WorkspaceFile], claimed: ClaimedResult) {
        self.exercise = exercise
        self.workspace = workspace
        self.claimed = claimed
    }
}

/// Where a submission is.
public enum SubmissionStatus: String, Codable, Sendable {
    /// Waiting for a worker.
    case queued
    /// A worker holds it (until its lease ends).
    case grading
    /// Measured: every check passed.
    case passed
    /// Measured: a check failed.
    case failed
    /// The worker could not measure it (no engine answers, the files cannot be written, ...), after every retry.
    case error
}

/// One check as the server measured it.
public struct VerifiedCheck: Codable, Sendable, Equatable {
    public var id: String
    public var passed: Bool
    public var measured: String
    public var advice: String?

    public init(id: String, passed: Bool, measured: String, advice: String?) {
        self.id = id
        self.passed = passed
        self.measured = measured
        self.advice = advice
    }
}

/// The server's verdict on one submission.
public struct Verdict: Codable, Sendable, Equatable {
    public var passed: Bool
    public var checks: [VerifiedCheck]
    /// The image's size as the server's engine measured it.
    public var sizeBytes: Int64?
    /// The final stage's base image, as the server's build used it (named only when the built image starts
    /// with that base's layers).
    public var baseImage: String?
    /// Why it failed, in one line (the first failed check's measurement, or the worker's error).
    public var reason: String?
    /// The image ID of the server's own build of the submitted files (what was measured).
    public var imageID: String?

    public init(
        passed: Bool, checks: [VerifiedCheck], sizeBytes: Int64?, baseImage: String?, reason: String?,
        imageID: String? = nil
    ) {
        self.passed = passed
        self.checks = checks
        self.sizeBytes = sizeBytes
        self.baseImage = baseImage
        self.reason = reason
        self.imageID = imageID
    }
}

/// A submission and, once graded, its verdict.
public struct Submission: Codable, Sendable, Equatable {
    public var id: Int64
    public var student: String
    public var exercise: String
    public var status: SubmissionStatus
    public var claimed: ClaimedResult
    public var verdict: Verdict?
    public var submittedAt: Date
    public var gradedAt: Date?
    /// Other students whose submissions of this exercise made the same changes to the starter (whitespace and
    /// comments aside): shown, never failed. A student reading their own sees "another student" for each.
    public var sameChangesAs: [String]? = nil
    /// Set when the changes are exactly the reference solution's.
    public var referenceSolution: Bool? = nil
}

/// A submission a worker took, with what it needs to grade it.
public struct GradingJob: Sendable {
    public var submission: Submission
    public var workspace: [WorkspaceFile]
    /// How many times a worker took it (a worker that died leaves it to the next).
    public var attempt: Int
}

/// One line of the size challenge's leaderboard: a student's smallest verified image.
public struct LeaderboardEntry: Codable, Sendable, Equatable {
    public var rank: Int
    public var student: String
    public var sizeBytes: Int64
    public var baseImage: String?
    public var submissionID: Int64
    public var submittedAt: Date
    /// Among the three smallest.
    public var podium: Bool
    /// Smaller than the course's record.
    public var beatsRecord: Bool
}

/// The leaderboard of one exercise (the size challenge), with the course's record line.
public struct Leaderboard: Codable, Sendable, Equatable {
    public var exercise: String
    public var recordBytes: Int64
    public var entries: [LeaderboardEntry]
}

/// One student's state in one exercise.
public struct ProgressCell: Codable, Sendable, Equatable {
    public var exercise: String
    public var done: Bool
    public var attempts: Int
    public var hints: Int
    public var lastSubmitted: Date?
    public var lastStatus: SubmissionStatus?
    /// Other students with a submission of this exercise making the same changes as one of this student's.
    public var sameChangesAs: [String]? = nil
    /// Set when one of the student's submissions is exactly the reference solution's changes.
    public var referenceSolution: Bool? = nil
}

/// The class's progress: a row per student, a cell per exercise.
public struct ProgressGrid: Codable, Sendable, Equatable {
    public struct Row: Codable, Sendable, Equatable {
        public var student: String
        public var cells: [ProgressCell]
        /// Set when the student's name was taken under an older, looser rule and cannot submit under today's:
        /// the instructor sees it and can ask the student to join again.
        public var nameProblem: String? = nil
    }
    public var className: String
    public var exercises: [String]
    public var rows: [Row]
}

/// Joining a class.
public struct JoinRequest: Codable, Sendable {
    public var invite: String
    public var name: String

    public init(invite: String, name: String) {
        self.invite = invite
        self.name = name
    }
}

/// What `gym login` and `gym submit` need to know about the member and the class.
public struct MemberInfo: Codable, Sendable {
    public var name: String
    public var role: ClassRole
    public var className: String
    public var classID: String
}

/// A one-time link that logs a browser in to a page: `path` (relative to the server) works once, within
/// `expiresInSeconds`.
public struct LoginLink: Codable, Sendable {
    public var path: String
    public var expiresInSeconds: Int
}

/// A login link as `gym pages` prints it: the full URL a browser opens once, within `expiresInSeconds`.
public struct BrowserLogin: Codable, Sendable {
    public var url: String
    public var expiresInSeconds: Int
}

/// A submission committed and queued.
public struct SubmissionAccepted: Codable, Sendable {
    public var id: Int64
    public var status: SubmissionStatus
    /// Where to poll for the verdict.
    public var location: String
}
