import ArgumentParser
import Foundation
import Gym

/// `gym watch [SLUG]`: checks again every time you save.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Re-run an exercise's checks whenever its files change, until they all pass.",
        discussion: "Runs gym check now, then again after each save. Ctrl-C stops it.")

    @Argument(help: "The exercise (default: the one whose folder you are in).")
    var slug: String?

    @Option(help: "Seconds between looks at the files.")
    var interval: Double = 1

    @Option(help: "Stop after this many check runs (default: until every check passes).")
    var maxRuns: Int?

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let (exercise, directory) = try options.exercise(slug, in: catalog)
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw CommandFailure("\(GymError.notStarted(exercise.slug))")
        }
        let space = Workspace(root: directory.deletingLastPathComponent().path)
        var runs = 0
        while true {
            let before = space.fingerprint(exercise)
            let results = CheckCommand.grade(exercise, directory: directory, quiet: false)
            try? options.progress().record(exercise.slug, results: results)
            runs += 1
            Output.out(CheckReporter.text(exercise, results))
            if results.allSatisfy(\.passed) { return }
            if let maxRuns, runs >= maxRuns { throw ExitCode(1) }
            Output.out("\nwatching \(directory.path) for changes (Ctrl-C stops) ...")
            while space.fingerprint(exercise) == before {
                Thread.sleep(forTimeInterval: interval)
            }
            Output.out("\nchanged: checking again\n")
        }
    }
}
