import Foundation

/// The size challenge's ranking, from verified sizes only.
public enum Leaderboards {
    /// The record the course announces: "Current record to beat: 68MB" (as docker prints sizes, 10^6 bytes).
    public static let recordBytes: Int64 = 68_000_000
    /// The exercise whose sizes are ranked.
    public static let sizeChallenge = "image-size-challenge"

    /// A passed submission with its measured size.
    typealias Row = (student: String, submissionID: Int64, sizeBytes: Int64, baseImage: String?, submittedAt: Date)

    /// Each student's smallest passed submission, smallest first (ties: the earlier submission first);
    /// `passed` is sorted by size already or not: the order is made here.
    static func entries(_ passed: [Row]) -> [LeaderboardEntry] {
        var best: [String: Row] = [:]
        for entry in passed {
            if let current = best[entry.student],
                (current.sizeBytes, current.submissionID) <= (entry.sizeBytes, entry.submissionID)
            {
                continue
            }
            best[entry.student] = entry
        }
        return best.values.sorted { ($0.sizeBytes, $0.submissionID) < ($1.sizeBytes, $1.submissionID) }
            .enumerated().map { index, entry in
                LeaderboardEntry(
                    rank: index + 1, student: entry.student, sizeBytes: entry.sizeBytes, baseImage: entry.baseImage,
                    submissionID: entry.submissionID, submittedAt: entry.submittedAt, podium: index < 3,
                    beatsRecord: entry.sizeBytes < recordBytes)
            }
    }
}

/// One submission as the progress grid counts it.
struct ProgressRecord: Sendable {
    var student: String
    var exercise: String
    var status: SubmissionStatus
    var hints: Int
    var submittedAt: Date
}

/// Student × exercise, from every submission.
enum ProgressGrids {
    static func grid(
        className: String, students: [String], exercises: [String], records: [ProgressRecord]
    )
        -> ProgressGrid
    {
        let byStudent = Dictionary(grouping: records, by: \.student)
        return ProgressGrid(
            className: className, exercises: exercises,
            rows: students.map { student in
                let mine = Dictionary(grouping: byStudent[student] ?? [], by: \.exercise)
                return ProgressGrid.Row(
                    student: student,
                    cells: exercises.map { exercise in
                        let attempts = (mine[exercise] ?? []).sorted { $0.submittedAt < $1.submittedAt }
                        return ProgressCell(
                            exercise: exercise, done: attempts.contains { $0.status == .passed },
                            attempts: attempts.count, hints: attempts.map(\.hints).max() ?? 0,
                            lastSubmitted: attempts.last?.submittedAt, lastStatus: attempts.last?.status)
                    })
            })
    }
}
