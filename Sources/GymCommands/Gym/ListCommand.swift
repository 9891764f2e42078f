import ArgumentParser
import Gym

/// `gym list`: the course's exercises and where you are in each.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the exercises: homework, labs and the challenge, with your progress.",
        discussion: """
            Each exercise is graded by measuring your real Dockerfile, build and image. Start one with \
            `gym start SLUG`.
            """)

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let progress = try options.progress()
        Output.out("exercise                  kind       time    status        focus")
        for exercise in catalog.exercises {
            let entry = try? progress.entry(exercise.slug)
            Output.out(
                exercise.slug.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + exercise.kind.padding(toLength: 11, withPad: " ", startingAt: 0)
                    + "\(exercise.minutes) min".padding(toLength: 8, withPad: " ", startingAt: 0)
                    + StatusCommand.state(entry, started: options.space.isStarted(exercise))
                    .padding(toLength: 14, withPad: " ", startingAt: 0) + exercise.focus)
        }
    }
}
