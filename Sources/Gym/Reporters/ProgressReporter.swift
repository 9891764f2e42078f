import Foundation
import Rendering

/// One exercise as `gym list` and `gym status` show it, and as their JSON carries it.
public struct ExerciseStatus: Sendable, Codable, Equatable {
    public var slug: String
    public var title: String
    public var kind: String
    public var minutes: Int
    public var focus: String
    /// `not started`, `started`, `3/5 checks`, `done`.
    public var state: String
    public var attempts: Int
    public var hintsShown: Int
    public var hints: Int
    public var score: Int
    public var points: Int
    public var startedAt: String?
    public var completedAt: String?
    /// When `gym fix --reveal` showed the answer before the exercise was passed.
    public var revealedAt: String?

    /// Every exercise of `catalog` with the learner's progress in it.
    public static func collect(_ catalog: ExerciseCatalog, progress: ProgressStore, workspace: Workspace) -> [Self] {
        catalog.exercises.map { exercise in
            let entry = try? progress.entry(exercise.slug)
            let completed = entry?.completedAt != nil
            let state: String
            if completed {
                state = "done"
            } else if let passed = entry?.lastPassed, let total = entry?.lastTotal {
                state = "\(passed)/\(total) checks"
            } else {
                state = workspace.isStarted(exercise) || entry?.startedAt != nil ? "started" : "not started"
            }
            return ExerciseStatus(
                slug: exercise.slug, title: exercise.title, kind: exercise.kind, minutes: exercise.minutes,
                focus: exercise.focus, state: state, attempts: entry?.attempts ?? 0,
                hintsShown: entry?.hintsShown ?? 0, hints: exercise.hints.count,
                score: exercise.score(completed: completed, hintsShown: entry?.hintsShown ?? 0),
                points: exercise.points, startedAt: entry?.startedAt, completedAt: entry?.completedAt,
                revealedAt: entry?.revealedAt)
        }
    }
}

/// `gym list` and `gym status`: a table for a terminal, or JSON.
public enum ProgressReporter {
    /// Cells padded to their column's width, the last as it is.
    static func row(_ cells: [(text: String, width: Int)], last: String) -> String {
        cells.map { $0.text.padding(toLength: $0.width, withPad: " ", startingAt: 0) }.joined() + last
    }

    /// `gym list`: each exercise, its kind, time, state and focus.
    public static func list(_ statuses: [ExerciseStatus]) -> String {
        var lines = ["exercise                  kind       time    status        focus"]
        for status in statuses {
            lines.append(
                row(
                    [(status.slug, 26), (status.kind, 11), ("\(status.minutes) min", 8), (status.state, 14)],
                    last: status.focus))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `gym status`: each exercise's state, attempts, hints and score, and the totals.
    public static func status(_ statuses: [ExerciseStatus]) -> String {
        var lines = ["exercise                  status        attempts  hints  score"]
        for status in statuses {
            lines.append(
                row(
                    [
                        (status.slug, 26), (status.state, 14), ("\(status.attempts)", 10),
                        ("\(status.hintsShown)/\(status.hints)", 7),
                    ],
                    last: "\(status.score)/\(status.points)"
                        + (status.revealedAt != nil ? "  (answer revealed by gym fix)" : "")))
        }
        let done = statuses.filter { $0.completedAt != nil }.count
        lines.append("")
        lines.append(
            "\(done) of \(statuses.count) exercises done; score \(statuses.map(\.score).reduce(0, +)) of \(statuses.map(\.points).reduce(0, +))."
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// The exercises, and with `discovery` the learner's discovery answers too.
    public static func json(
        _ statuses: [ExerciseStatus], discovery: [DiscoveryAnswer]? = nil
    ) throws(RenderingError)
        -> String
    {
        struct Document: Encodable {
            var exercises: [ExerciseStatus]
            var discovery: [DiscoveryAnswer]?
        }
        return try JSONText.encode(Document(exercises: statuses, discovery: discovery)) + "\n"
    }
}
