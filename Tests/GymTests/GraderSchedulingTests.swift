import Foundation
import Testing

@testable import Gym

/// How `Grader` runs an exercise's checks: the untimed ones at once, a timed one afterwards and alone, every
/// result in the exercise's order. Checks that need no engine, so it runs anywhere.
@Suite("Grader scheduling")
struct GraderSchedulingTests {
    /// What the probe checks saw: how many ran at once, and what was running when the timed one started.
    final class Board: @unchecked Sendable {
        private let condition = NSCondition()
        private var running = 0
        private(set) var mostAtOnce = 0
        private(set) var finishedUntimed = 0
        private(set) var runningWhenTimedStarted: Int?
        private(set) var finishedWhenTimedStarted: Int?

        /// Marks an untimed check running, then waits (at most 10 s) until `together` run at once: without
        /// parallel checks the wait times out and the count stays at 1.
        func untimed(together: Int) {
            condition.lock()
            running += 1
            mostAtOnce = max(mostAtOnce, running)
            condition.broadcast()
            let deadline = Date().addingTimeInterval(10)
            while running < together, mostAtOnce < together, condition.wait(until: deadline) {}
            running -= 1
            finishedUntimed += 1
            condition.unlock()
        }

        func timed() {
            condition.lock()
            runningWhenTimedStarted = running
            finishedWhenTimedStarted = finishedUntimed
            condition.unlock()
        }
    }

    struct ProbeCheck: ExerciseCheck {
        let id: String
        let timed: Bool
        let board: Board
        let together: Int
        var title: String { "probe \(id)" }
        let needsEngine = false
        let evidence = "the probe's board"

        func run(_ context: CheckContext) -> CheckResult {
            if timed { board.timed() } else { board.untimed(together: together) }
            return result(true, "ran")
        }
    }

    @Test func untimedChecksRunTogetherAndATimedOneAfterThemAlone() throws {
        var exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        let board = Board()
        let width = Grader.checksAtOnce
        let ids = ["first", "second", "clocked", "third", "fourth"]
        exercise.checks = ids.map { ProbeCheck(id: $0, timed: $0 == "clocked", board: board, together: width) }
        let context = CheckContext(exercise: exercise, workspace: exercise.starter)
        let results = Grader.run(exercise, context)
        #expect(results.map(\.id) == ids)
        #expect(results.filter(\.passed).count == ids.count)
        #expect(board.mostAtOnce == width)
        #expect(board.runningWhenTimedStarted == 0)
        #expect(board.finishedWhenTimedStarted == ids.count - 1)
    }

    @Test func throughALastCheckRunsNoneAfterIt() throws {
        var exercise = try ExerciseCatalog.standard().exercise("layer-optimization")
        let board = Board()
        let ids = ["first", "clocked", "second", "third"]
        exercise.checks = ids.map { ProbeCheck(id: $0, timed: $0 == "clocked", board: board, together: 2) }
        let context = CheckContext(exercise: exercise, workspace: exercise.starter)
        let results = Grader.run(exercise, context, through: "second")
        #expect(results.map(\.id) == ["first", "clocked", "second"])
        #expect(board.mostAtOnce == 2)
        #expect(board.finishedWhenTimedStarted == 2)
    }
}
