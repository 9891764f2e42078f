import ArgumentParser
import Gym

/// `gym reset SLUG`: the starter files again, with your files kept in a backup.
struct ResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Restore an exercise's starter files; yours are moved to a backup first, never deleted.",
        discussion: "The backup goes to WORKSPACE/.gym-backups/SLUG-<time>/.")

    @Argument(help: "The exercise.")
    var slug: String

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let exercise = try catalog.exercise(slug)
        let backup = try options.space.reset(exercise)
        try options.progress().markStarted(exercise.slug)
        if let backup { Output.out("Your files were moved to \(backup.path)") }
        Output.out("Starter files restored in \(options.space.directory(for: exercise).path)")
    }
}
