import ArgumentParser
import Gym

/// `gym start SLUG`: copies the starter files into your workspace (never over your work) and shows the task.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start an exercise: copy its starter files into your workspace and show the task.",
        discussion: """
            The files go to WORKSPACE/SLUG. Starting an exercise you already started changes nothing: your \
            files are kept. `gym reset SLUG` restores the starter after backing your files up.

            Example: gym start layer-detective
            """)

    @Argument(help: "The exercise (see gym list).")
    var slug: String

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let exercise: Exercise
        exercise = try catalog.exercise(slug)
        let directory = options.space.directory(for: exercise)
        let outcome: Workspace.StartOutcome
        outcome = try options.space.start(exercise)
        try options.progress().markStarted(exercise.slug)
        Output.out("\(exercise.title) (\(exercise.kind), about \(exercise.minutes) min): \(exercise.focus)")
        Output.out("")
        Output.out(exercise.story.trimmingCharacters(in: .whitespacesAndNewlines))
        Output.out("")
        switch outcome {
        case .created: Output.out("Your files: \(directory.path)")
        case .resumed: Output.out("Already started: your files in \(directory.path) are kept as they are.")
        }
        Output.out("Then: gym check \(exercise.slug)   (gym hint \(exercise.slug) when stuck)")
    }
}
