import ArgumentParser
import Bench
import Registry
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

            --blobs empties gym's blob store instead ($GYM_HOME/blobs, else ~/.gym/blobs: the layers, configs \
            and manifests gym pull and registry:REFERENCE fetched, and any interrupted download); it needs no \
            engine.

            Examples:
              gym clean
              gym clean --build-cache --format json
              gym clean --blobs
            """)

    @Flag(help: "Also prune BuildKit's build cache (all of it).")
    var buildCache = false

    @Flag(help: "Empty gym's blob store (registry pulls) instead of cleaning the engine.")
    var blobs = false

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() throws {
        if blobs {
            let cleanup = try BlobStore.standard().clean()
            Output.out(
                format == .json
                    ? try JSONText.encode(cleanup)
                    : "emptied the blob store \(cleanup.blobStore): \(cleanup.freedBytes) bytes freed")
            return
        }
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
