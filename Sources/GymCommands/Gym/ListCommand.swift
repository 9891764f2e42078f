import ArgumentParser
import Gym

/// `gym list`: the course's exercises and where you are in each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the exercises: homework, labs and the challenge, with your progress.",
        discussion: """
            Each exercise is graded by measuring your real Dockerfile, build and image. Start one with \
            `gym start SLUG`. --format json gives each exercise with your progress in it.

            Examples:
              gym list
              gym list --format json
            """)

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @OptionGroup var options: GymOptions

    func run() throws {
        let statuses = ExerciseStatus.collect(
            try options.catalog(), progress: try options.progress(), workspace: options.space)
        Output.out(
            format == .json ? try ProgressReporter.json(statuses) : ProgressReporter.list(statuses), terminator: "")
    }
}
