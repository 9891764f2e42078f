import ArgumentParser
import Foundation
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
        // commands that work from where the learner stands: in the exercise's folder gym check needs nothing more
        let here = FileManager.default.currentDirectoryPath
        let relative =
            directory.path.hasPrefix(here + "/") ? String(directory.path.dropFirst(here.count + 1)) : directory.path
        let db = options.db.map { " --db \(Self.quoted($0))" } ?? ""
        Output.out("Then:")
        Output.out("  cd \(Self.quoted(relative))")
        Output.out("  gym check\(db)          (gym hint\(db) when stuck)")
        if options.workspace != nil || db != "" {
            Output.out(
                "or from here: gym check \(exercise.slug) --workspace \(Self.quoted(options.space.root.path))\(db)")
        }
    }

    /// A path as a shell reads it back.
    static func quoted(_ path: String) -> String {
        path.allSatisfy { $0.isLetter || $0.isNumber || "/._-+:@".contains($0) }
            ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
