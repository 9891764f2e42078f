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

    @Option(help: "Build argument KEY=VALUE (both states). Repeatable.")
    var buildArg: [String] = []

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
        let args = Dictionary(
            buildArg.map { a -> (String, String) in
                let p = a.split(separator: "=", maxSplits: 1)
                return (String(p[0]), p.count > 1 ? String(p[1]) : "")
            }, uniquingKeysWith: { $1 })
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
        var steps = prediction.steps
        let timings = lastTimings(dockerfilePath)
        for i in steps.indices where steps[i].prediction != .hit && steps[i].isBuildStep {
            if let seconds = timings[steps[i].instruction], seconds >= 0.05 {
                steps[i].cause = (steps[i].cause ?? "") + String(format: " (took %.1f s last build)", seconds)
            }
        }
        if format == .json {
            struct Entry: Encodable {
                var stage: String
                var line: Int
                var instruction: String
                var prediction: String
                var cause: String?
            }
            struct Document: Encodable {
                var model: String
                var steps: [Entry]
                var suggestions: [String]
            }
            Output.out(
                try Output.json(
                    Document(
                        model: prediction.model,
                        steps: steps.map {
                            Entry(
                                stage: $0.stage, line: $0.line, instruction: $0.instruction,
                                prediction: $0.prediction.rawValue, cause: $0.cause)
                        }, suggestions: prediction.suggestions)))
            return
        }
        var lines = ["model: \(prediction.model)"]
        var currentStage = -1
        for step in steps {
            if step.stageIndex != currentStage {
                currentStage = step.stageIndex
                lines.append("stage \(step.stage)")
            }
            let label = step.prediction == .hit ? "hit    " : step.prediction == .miss ? "MISS   " : "depends"
            let text = step.instruction.count > 48 ? String(step.instruction.prefix(45)) + "..." : step.instruction
            lines.append("  \(String(step.line).padding(toLength: 4, withPad: " ", startingAt: 0)) \(label)  \(text)")
            if let cause = step.cause, step.prediction != .hit { lines.append("               \(cause)") }
        }
        let counts = Dictionary(grouping: steps.filter(\.isBuildStep), by: \.prediction).mapValues(\.count)
        lines.append(
            "build steps: \(counts[.hit] ?? 0) hit, \(counts[.miss] ?? 0) miss, \(counts[.depends] ?? 0) depend on another stage"
        )
        for suggestion in prediction.suggestions { lines.append("suggestion: \(suggestion)") }
        Output.out(lines.joined(separator: "\n"))
    }

    /// Seconds each step took in the last recorded build of this Dockerfile, by instruction text; none when
    /// there is no history yet.
    func lastTimings(_ dockerfilePath: String) -> [String: Double] {
        let path = db ?? GymDatabase.defaultPath
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        return (try? BenchHistory(path: path).lastStepTimings(dockerfile: dockerfilePath)) ?? [:]
    }
}
