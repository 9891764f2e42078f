import ArgumentParser
import Base
import Context
import Dockerfile
import Foundation

/// `gym context`: what the builder receives, and a .dockerignore to trim it.
struct ContextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract: "Show what the builder receives: files, bytes, the largest, secrets, and what each COPY selects.",
        discussion: """
            Applies .dockerignore exactly as the builder does (moby's pattern semantics, and a \
            <Dockerfile>.dockerignore beside the Dockerfile takes precedence).

            --suggest prints a .dockerignore for the project; --write writes it, never replacing an existing \
            file unless --force is given, and then keeping a backup (.dockerignore.bak).

            Examples:
              gym context
              gym context services/api -f services/api/Dockerfile --format json
              gym context --write
            """
    )

    @Argument(help: "Build context directory.")
    var directory: String = "."

    @Option(name: .shortAndLong, help: "Dockerfile (default: DIR/Dockerfile).")
    var file: String?

    @Option(help: "How many of the largest files and directories to show.")
    var top: Int = 10

    @Flag(help: "Also digest every file sent (XXH64 on both cores), as gym cache does; prints the time taken.")
    var hash = false

    @Flag(help: "Print a suggested .dockerignore.")
    var suggest = false

    @Flag(help: "Write the suggested .dockerignore into the context.")
    var write = false

    @Flag(help: "With --write: replace an existing .dockerignore (a backup is kept).")
    var force = false

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() throws {
        let dockerfilePath = file ?? directory + "/Dockerfile"
        let dockerfile =
            FileManager.default.fileExists(atPath: dockerfilePath)
            ? try? Dockerfile.parse(contentsOfFile: dockerfilePath) : nil
        let snapshot: ContextSnapshot
        let clock = ContinuousClock()
        let started = clock.now
        snapshot = try ContextSnapshot.scan(
            directory: directory, dockerfile: dockerfilePath, hashing: hash ? .fast : .none,
            workers: ProcessInfo.processInfo.activeProcessorCount)
        if suggest || write {
            let text = DockerignoreSuggestion.suggest(for: snapshot)
            if write {
                let backup = try DockerignoreSuggestion.write(text, into: directory, force: force)
                Output.out(
                    "wrote \(directory)/.dockerignore" + (backup.map { " (previous file kept as \($0))" } ?? ""))
            } else {
                Output.out(text, terminator: "")
            }
            return
        }
        let elapsed = clock.now - started
        if hash {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            Output.err(
                String(
                    format: "walked and hashed %d files, %@ in %.2f s", snapshot.entries.count,
                    ByteCount.text(snapshot.totalBytes), seconds))
        }
        let report = ContextReport.make(snapshot, dockerfile: dockerfile, top: top)
        Output.out(
            try format == .json ? ContextReporter.json(report) : ContextReporter.text(report, directory: directory))
    }
}
