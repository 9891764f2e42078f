import Base
import Foundation

/// A message for the class's chat (a Discord- or Slack-compatible webhook) about one verified submission
/// that entered the size challenge's top 3 or beat the course's record. Kept in the store's outbox until the
/// webhook took it, so it is posted once whichever process graded the submission.
public struct Announcement: Codable, Sendable, Equatable {
    public var submissionID: Int64
    public var classID: String
    public var student: String
    public var sizeBytes: Int64
    public var rank: Int
    public var baseImage: String?
    public var beatsRecord: Bool

    /// The line the chat shows. A student's name passed the name rule (letters, digits, `-_.`), and an image
    /// reference has no backticks, so in backticks neither can format or mention anything.
    public var text: String {
        let base = baseImage.map { " on `\($0)`" } ?? ""
        let record = beatsRecord ? " and beats the course's record of \(ByteCount.text(Leaderboards.recordBytes))" : ""
        return "`\(student)`'s image-size-challenge image is \(ByteCount.text(sizeBytes))\(base), verified by the "
            + "server: rank \(rank)\(record)."
    }

    /// The webhook's JSON body: `content` for Discord (no mentions allowed), `text` for Slack.
    public var body: [String: Any] {
        ["content": text, "text": text, "username": "gym", "allowed_mentions": ["parse": [String]()]]
    }

    /// The announcement a verdict earns: the submission is now the student's best on the leaderboard and it is
    /// among the top 3 or under the record; nil otherwise.
    static func earned(by submissionID: Int64, classID: String, on board: [LeaderboardEntry]) -> Announcement? {
        guard let entry = board.first(where: { $0.submissionID == submissionID }), entry.podium || entry.beatsRecord
        else { return nil }
        return Announcement(
            submissionID: submissionID, classID: classID, student: entry.student, sizeBytes: entry.sizeBytes,
            rank: entry.rank, baseImage: entry.baseImage, beatsRecord: entry.beatsRecord)
    }
}

/// An announcement the outbox holds, with how often posting it was tried.
public struct PendingAnnouncement: Sendable, Equatable {
    public var id: Int64
    public var announcement: Announcement
    public var attempts: Int
}
