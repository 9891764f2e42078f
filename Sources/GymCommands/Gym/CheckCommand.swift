import ArgumentParser
import Foundation
import Gym

/// `gym check [SLUG]`: grades your work by measuring it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Grade an exercise by measuring your Dockerfile, its build and its image.",
        discussion: """
            Checks never read the Dockerfile as text: they parse it as BuildKit does, predict and measure the \
            cache on the real engine, build and run the image, and read its layers. Run inside the exercise's \
            folder, or name it; --all checks every exercise you started. Exit 0 when every check passes, 1 \
            when one fails, 2 when gym cannot run (no Docker engine answers for the checks that need one: \
            gym doctor says what is missing). --format junit writes JUnit XML for CI systems.

            Examples:
              gym check layer-detective
              cd gym-workspace/layer-detective && gym check
              gym check layer-detective --format json
              gym check --all --format junit > gym-results.xml
            """)

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case tty, json, junit
    }

    @Argument(help: "The exercise (default: the one whose folder you are in).")
    var slug: String?

    @Option(help: "Output: tty, json or junit.")
    var format: Format = .tty

    @Flag(help: "Check every exercise you started.")
    var all = false

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        var targets: [(Exercise, URL)] = []
        if all {
            targets = catalog.exercises.filter { options.space.isStarted($0) }.map {
                ($0, options.space.directory(for: $0))
            }
            if targets.isEmpty {
                throw CommandFailure("no exercise is started yet: `gym start SLUG` first (`gym list` shows them)")
            }
        } else {
            let (exercise, directory) = try options.exercise(slug, in: catalog)
            guard FileManager.default.fileExists(atPath: directory.path) else {
                throw CommandFailure("\(GymError.notStarted(exercise.slug))")
            }
            targets = [(exercise, directory)]
        }
        var graded: [(exercise: Exercise, results: [CheckResult])] = []
        for (exercise, directory) in targets {
            let results = Self.grade(exercise, directory: directory, quiet: format != .tty)
            do {
                try options.progress().record(exercise.slug, results: results)
            } catch let error as GymError {
                Output.err("warning: \(error)")
            }
            graded.append((exercise, results))
        }
        switch format {
        case .json: Output.out(try all ? CheckReporter.json(graded) : CheckReporter.json(graded[0]))
        case .junit: Output.out(JUnitReport.render(graded))
        case .tty:
            Output.out(graded.map { CheckReporter.text($0.exercise, $0.results) }.joined(separator: "\n\n"))
            if !all, let only = graded.first, only.results.allSatisfy(\.passed) {
                Output.out(nextStep(after: only.exercise, catalog: catalog))
            }
        }
        if graded.contains(where: { Grader.engineMissing($0.results) }) {
            throw CommandFailure(
                "no Docker engine answers: the checks that build or run the image could not run",
                detail:
                    "Start one (../shared/scripts/docker-engine.sh, or Docker), then gym doctor and gym check again.")
        }
        if !graded.allSatisfy({ $0.results.allSatisfy(\.passed) }) { throw ExitCode(1) }
    }

    /// After a pass: the next exercise not done yet, and how to send this one to a class.
    func nextStep(after exercise: Exercise, catalog: ExerciseCatalog) -> String {
        let progress = try? options.progress()
        let next = catalog.exercises.first { candidate in
            candidate.slug != exercise.slug && (try? progress?.entry(candidate.slug))??.completedAt == nil
        }
        var line = "\nNext: " + (next.map { "gym start \($0.slug)" } ?? "every exercise is done: gym status")
        line += "; in a class, gym submit \(exercise.slug) sends this one to be measured again."
        return line
    }

    static func grade(_ exercise: Exercise, directory: URL, quiet: Bool) -> [CheckResult] {
        Grader.check(exercise, in: directory) { message in
            if !quiet { Output.err("  ... \(message)") }
        }
    }
}
