import ArgumentParser
import Bench
import Context
import Dockerfile
import Foundation
import Storage

/// `gym cache`: which steps a change rebuilds, and why, before building.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Predict which build steps a change rebuilds, and why, before building.",
        discussion: """
            Compares two states of the context and Dockerfile: two git revisions (--from A --to B), a revision \
            and the working tree (--from A), or the working tree with some files changed (--changed FILE...). \
            For every step of every stage the target needs it predicts hit, miss or depends (a COPY --from \
            whose source stage rebuilds) and the first cause of each miss, following BuildKit's cache rules.

            Examples:
              gym cache --changed app.py
              gym cache --from HEAD~1
              gym cache --from v1.2 --to v1.3 --target runtime --format json
            """
    )

    @Argument(help: "Build context directory.")
    var directory: String = "."

    @Option(name: .shortAndLong, help: "Dockerfile, relative to the context (default: Dockerfile).")
    var file: String = "Dockerfile"

    @Option(help: "Git revision of the earlier state.")
    var from: String?

    @Option(help: "Git revision of the later state (default: the working tree).")
    var to: String?

    @Option(
        parsing: .upToNextOption, help: "Files (relative to the context) that change, compared with the working tree.")
    var changed: [String] = []

    @Option(help: "Stage to build (stages it does not need are not built).")
    var target: String?

    @OptionGroup var buildArguments: BuildArgumentOptions

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @Option(help: "History database, for the time each step took last build (default ~/.gym/gym.sqlite).")
    var db: String?

    func validate() throws {
        if from == nil && changed.isEmpty { throw ValidationError("give --from REV [--to REV] or --changed FILE...") }
        if from != nil && !changed.isEmpty { throw ValidationError("--changed and --from are alternatives") }
        if to != nil && from == nil { throw ValidationError("--to needs --from") }
    }

    func run() throws {
        let args = try buildArguments.arguments()
        let dockerfilePath = directory + "/" + file
        var prediction: CachePrediction
        do {
            let change: ChangeStates.Change = from.map { .revisions(from: $0, to: to) } ?? .files(changed)
            let (before, after) = try ChangeStates.states(
                directory: directory, dockerfile: file, change: change, buildArgs: args)
            prediction = try CachePredictor.predict(before: before, after: after, target: target)
            prediction.suggestions += ChangeStates.gitSuggestions(prediction)
        } catch let error as DockerfileError {
            throw CommandFailure(
                error.message,
                at: dockerfilePath + (error.location.map { ":\($0.start.line):\($0.start.column)" } ?? ""))
        }
        prediction.noteLastBuildTimes(lastTimings(dockerfilePath))
        Output.out(try format == .json ? CacheReporter.json(prediction) : CacheReporter.text(prediction))
    }

    /// Seconds each step took in the last recorded build of this Dockerfile, by instruction text; none when
    /// there is no history yet.
    func lastTimings(_ dockerfilePath: String) -> [String: Double] {
        let path = db ?? GymDatabase.defaultPath
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        return (try? BenchHistory(path: path).lastStepTimings(dockerfile: dockerfilePath)) ?? [:]
    }
}
