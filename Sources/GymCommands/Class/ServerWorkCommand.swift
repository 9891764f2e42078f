import ArgumentParser
import Foundation
import Server

/// `gym server work`: grading workers alone, sharing the class database with the server.
struct ServerWorkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "work",
        abstract: "Run grading workers only: they take submissions from the class database and measure them.",
        discussion: """
            Each worker holds a job for --lease seconds; a worker that dies leaves its job to another once the \
            lease ends. Several processes, on several machines, may share one database (PostgreSQL: claims \
            skip the rows other workers hold). --engine sends a worker's builds and runs to another engine: \
            a build farm's machine, or the fenced engine scripts/fence.sh starts (with --build-proxy).

            Examples:
              eval "$(scripts/fence.sh start)"
              gym server work --database postgres://gym@db:5432/class --workers 2 \\
                --engine "$GYM_FENCE_ENGINE" --build-proxy "$GYM_FENCE_PROXY"
              gym server work --database class.sqlite --unfenced-builds
            """)

    @OptionGroup var databaseOptions: ClassDatabaseOptions

    @OptionGroup var gradingEngine: GradingEngineOptions

    @Option(help: "Workers in this process.")
    var workers = 1

    @Option(help: "Seconds a worker holds a job before another may take it over.")
    var lease = 900.0

    func validate() throws {
        guard workers >= 1 else { throw ValidationError("--workers \(workers): at least 1") }
        guard lease > 0 else { throw ValidationError("--lease \(lease): more than 0 seconds") }
        try gradingEngine.requireFence(workers: workers)
    }

    func run() async throws {
        let (workers, lease, engine) = (workers, lease, gradingEngine.chosen)
        if !gradingEngine.fenced { Output.err("gym server work: " + GradingEngineOptions.unfencedWarning) }
        try await databaseOptions.withStore { store in
            try await ClassServer.runWorkers(store: store, count: workers, lease: lease, engine: engine) {
                worker, error in
                Output.err("gym server work: worker \(worker): \(error); trying again")
            }
        }
    }
}
