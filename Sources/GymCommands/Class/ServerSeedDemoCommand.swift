import ArgumentParser
import Foundation
import Gym
import Server

/// `gym server seed-demo`: a made-up cohort in the class database, to try the pages or measure them.
struct ServerSeedDemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-demo",
        abstract:
            "Fill a new class with a made-up cohort (students, submissions, verdicts) to try or measure the pages.",
        discussion: """
            Everything goes through the store as real submissions and verdicts would (no engine: the verdicts \
            are labelled seeded). Prints the class like create-class does. benchmarks/class-pages.sh uses it for \
            200 students x 8 exercises x 5 submissions.

            Example:
              gym server seed-demo --database /tmp/demo.sqlite --students 30
            """)

    @OptionGroup var databaseOptions: ClassDatabaseOptions

    @Option(help: "The class's name.")
    var name = "demo (seeded)"

    @Option(help: "How many students.")
    var students = 30

    @Option(help: "Submissions per student and exercise (the last one passes).")
    var submissions = 3

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func validate() throws {
        guard (1...5000).contains(students) else { throw ValidationError("--students \(students): 1 to 5000") }
        guard (1...50).contains(submissions) else { throw ValidationError("--submissions \(submissions): 1 to 50") }
    }

    func run() async throws {
        let exercises = try ExerciseCatalog.standard().exercises.map(\.slug)
        let (name, students, submissions, quiet) = (name, students, submissions, format != .tty)
        let created = try await databaseOptions.withStore { store in
            try await DemoClass.seed(
                into: store, name: name, students: students, exercises: exercises, submissions: submissions
            ) { done, total in
                if !quiet { Output.err("  ... \(done)/\(total) submissions") }
            }
        }
        Output.out(format == .json ? try ClassReporter.json(created) : ClassReporter.text(created), terminator: "")
    }
}
