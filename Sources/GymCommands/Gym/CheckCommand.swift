import ArgumentParser
import Foundation
import Gym

/// `gym check [SLUG]`: grades your work by measuring it.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Grade an exercise by measuring your Dockerfile, its build and its image.",
        discussion: """
            Checks never read the Dockerfile as text: they parse it as BuildKit does, predict and measure the
            cache on the real engine, build and run the image, and read its layers. Run inside the exercise's
            folder, or name it. Exit 0 when every check passes, 1 when one fails, 2 when gym cannot run.

            Examples:
              gym check layer-detective
              cd gym-workspace/layer-detective && gym check
              gym check layer-detective --format json
            """)

    @Argument(help: "The exercise (default: the one whose folder you are in).")
    var slug: String?

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let (exercise, directory) = try options.exercise(slug, in: catalog)
        guard FileManager.default.fileExists(atPath: directory.path) else {
            Output.err("error: \(GymError.notStarted(exercise.slug))")
            throw ExitCode(2)
        }
        let results = Self.grade(exercise, directory: directory, format: format)
        do {
            try options.progress().record(exercise.slug, results: results)
        } catch let error as GymError {
            Output.err("warning: \(error)")
        }
        if format == .json {
            Output.out(
                try Output.json(
                    CheckReport(exercise: exercise.slug, passed: results.allSatisfy(\.passed), checks: results)))
        } else {
            Output.out(Self.render(exercise, results))
        }
        if !results.allSatisfy(\.passed) { throw ExitCode(1) }
    }

    struct CheckReport: Encodable {
        var exercise: String
        var passed: Bool
        var checks: [CheckResult]
    }

    static func grade(_ exercise: Exercise, directory: URL, format: OutputFormat) -> [CheckResult] {
        Grader.check(exercise, in: directory) { message in
            if format != .json { Output.err("  ... \(message)") }
        }
    }

    static func render(_ exercise: Exercise, _ results: [CheckResult]) -> String {
        var lines = ["\(exercise.title):"]
        for result in results {
            lines.append("  \(result.passed ? "✓" : "✗") \(result.title)")
            lines.append("      \(result.measured)")
            if let advice = result.advice { lines.append("      → \(advice)") }
        }
        let passed = results.filter(\.passed).count
        lines.append("")
        lines.append(
            passed == results.count
                ? "All \(results.count) checks pass: \(exercise.slug) is done."
                : "\(passed) of \(results.count) checks pass. `gym hint \(exercise.slug)` when stuck.")
        return lines.joined(separator: "\n")
    }
}
