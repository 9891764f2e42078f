import ArgumentParser
import Foundation
import Gym
import Rendering

/// `gym validate DIR`: an exercise author's check of an exercise folder.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an exercise folder: its spec, starter, solution, gaming attempts and alternatives.",
        discussion: """
            For exercise authors. The folder holds exercise.yaml, starter/, solution/ (the files the reference \
            solution changes), gaming/NAME/ (an attempt to get the ticks without the work: case.yaml with a \
            title, the id of the check that must catch it, caught-by, optionally a phrase of that check's failure, \
            reason, and the files laid over the starter) \
            and alternatives/NAME/ (another valid solution that must pass).

            Each attempt is graded on the engine like `gym check`: the starter must fail, the solution must \
            pass, every gaming attempt must fail at the check it names (graded up to that check and no further), \
            for the reason it names, and never merely because its image does not build; every alternative must \
            pass. A spec \
            error names the field. Attempts are graded --jobs at a time (default 2), each under an image tag \
            of its own; an exercise with a timed check (rebuild-speedup, a ratio of wall clocks) is graded one \
            attempt at a time, so no other build skews its clock. Exit 0 when all hold, 1 when one does not, 2 when the folder is not an \
            exercise. The exercises that ship with gym are validated by its test suite with the same code.

            Examples:
              gym validate my-exercises/cache-busting
              gym validate my-exercises/cache-busting --format json
              gym validate my-exercises/cache-busting --jobs 1
            """)

    @Argument(help: "The exercise folder (holding exercise.yaml).")
    var directory: String

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @Option(help: "How many attempts to grade at once (1 to 16).")
    var jobs: Int = 2

    func validate() throws {
        guard (1...16).contains(jobs) else { throw ValidationError("--jobs must be 1 to 16, not \(jobs)") }
    }

    func run() throws {
        let outcomes: [ValidationOutcome]
        let exercise = try Exercise(directory: URL(fileURLWithPath: directory).standardizedFileURL)
        outcomes = try ExerciseValidator.validate(exercise, jobs: jobs) { message in
            if format != .json { Output.err("  ... \(message)") }
        }
        if format == .json {
            Output.out(try JSONText.encode(outcomes))
        } else {
            var lines: [String] = []
            for outcome in outcomes {
                lines.append("\(outcome.ok ? "ok  " : "FAIL") \(outcome.name): must \(outcome.expectation)")
                if let why = outcome.why, !outcome.ok { lines.append("       why: \(why)") }
                for result in outcome.results where !result.passed {
                    lines.append("       ✗ \(result.id): \(result.measured)")
                }
            }
            let good = outcomes.filter(\.ok).count
            lines.append("")
            lines.append("\(good) of \(outcomes.count) attempts behave as they must.")
            Output.out(lines.joined(separator: "\n"))
        }
        if !outcomes.allSatisfy(\.ok) { throw ExitCode(1) }
    }
}
