import Base
import Foundation
import Gym
import Rendering

/// What `gym submit` reports: the submission, the local check and, with --wait, the server's verdict.
public struct SubmitReport: Encodable, Sendable {
    public var id: Int64
    public var files: Int
    public var localPassed: Bool
    public var submission: Submission?

    public init(outcome: ClassSubmission.Outcome, verdict: Submission?) {
        id = outcome.accepted.id
        files = outcome.files
        localPassed = outcome.localResults.allSatisfy(\.passed)
        submission = verdict
    }
}

/// A login without its token, for output.
public struct PublicLogin: Encodable, Sendable {
    public var server: String
    public var name: String
    public var className: String
    public var role: ClassRole
}

extension ClassLogin {
    public var `public`: PublicLogin { PublicLogin(server: server, name: name, className: className, role: role) }
}

/// Renders the class commands' results, for a person or as JSON.
public enum ClassReporter {
    public static func json<T: Encodable>(_ value: T) throws(RenderingError) -> String {
        try JSONText.encode(value) + "\n"
    }

    public static func text(_ created: CreatedClass) -> String {
        """
        class "\(created.name)" created (\(created.classID))
          instructor token  \(created.instructorToken)
          invite code       \(created.inviteCode)
        Both are shown this once and stored only hashed. Students: gym login URL --invite \(created.inviteCode) --name NAME

        """
    }

    public static func text(_ login: ClassLogin) -> String {
        "logged in to \(login.server) as \(login.name) (\(login.role.rawValue), class \"\(login.className)\")\n"
    }

    public static func text(_ link: BrowserLogin) -> String {
        "\(link.url)\n(opens once, within \(link.expiresInSeconds) seconds; your browser then keeps the login)\n"
    }

    public static func text(_ outcome: ClassSubmission.Outcome, verdict: Submission?) -> String {
        let local = outcome.localResults
        var lines = [
            "submitted #\(outcome.accepted.id): \(outcome.files) files, \(ByteCount.text(Int64(outcome.bytes)))",
            "  your check: \(local.filter(\.passed).count)/\(local.count) passed (the server builds these files and measures again)",
        ]
        if let verdict {
            lines.append(text(verdict))
        } else {
            lines.append("  queued; the server's verdict: gym submit --wait, or the class's pages")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func text(_ submission: Submission) -> String {
        guard let verdict = submission.verdict else { return "  server: \(submission.status.rawValue)" }
        var lines = [
            "  server: \(submission.status.rawValue)" + (verdict.sizeBytes.map { ", \(ByteCount.text($0))" } ?? "")
        ]
        for check in verdict.checks {
            lines.append("    \(check.passed ? "✓" : "✗") \(check.id): \(check.measured)")
        }
        if let reason = verdict.reason { lines.append("  reason: \(reason)") }
        return lines.joined(separator: "\n")
    }
}
