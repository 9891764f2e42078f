import ArgumentParser
import Bench
import Rendering

/// `gym clean`: removes what gym left on the engine.
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove the containers and images gym created on the engine (found by gym's label).",
        discussion: """
            Every image gym builds and every container it runs carries the label \
            org.containergym.created-by=gym; gym clean removes those and nothing else. BuildKit's build cache \
            carries no labels: --build-cache prunes it whole (as docker builder prune does), so the next \
            gym check starts cold.

            Examples:
              gym clean
              gym clean --build-cache --format json
            """)

    @Flag(help: "Also prune BuildKit's build cache (all of it).")
    var buildCache = false

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() throws {
        let report: CleanupReport
        report = try EngineCleanup.clean(buildCache: buildCache)
        if format == .json {
            Output.out(try JSONText.encode(report))
            return
        }
        Output.out("removed \(report.containers.count) container(s) and \(report.images.count) image(s) made by gym")
        if let reclaimed = report.buildCacheReclaimed { Output.out("build cache pruned: \(reclaimed) reclaimed") }
    }
}
