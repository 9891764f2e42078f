import ArgumentParser
import Foundation
import Server

/// `gym server run`: the HTTP server and its grading workers.
struct ServerRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Serve the class's pages and JSON API, with grading workers.",
        discussion: """
            Pages: /leaderboard (every member), /progress (the instructor), /students/NAME; a browser opens \
            them through a one-time link from gym pages. The JSON API behind them is described at \
            /api/openapi.json. Requests are limited per token (--rate-burst at once, then --rate per second) and to 4 MiB each. A submission \
            is committed before it is answered 202, so it survives the server being killed.
            """)

    @OptionGroup var databaseOptions: ClassDatabaseOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0: any free port, printed at start).")
    var port = 8080

    @OptionGroup var gradingEngine: GradingEngineOptions

    @Option(help: "Grading workers in this process (0: none; `gym server work` runs them elsewhere).")
    var workers = 1

    @Option(
        help: ArgumentHelp(
            "A chat webhook (Discord or Slack) told when a verified submission enters the size challenge's top 3 or beats the record; each event posted once.",
            valueName: "url"))
    var announce: String?

    @Option(help: "Requests one token may make at once.")
    var rateBurst = 60

    @Option(help: "Requests per second one token may make after the burst.")
    var rate = 5.0

    func validate() throws {
        guard workers >= 0 else { throw ValidationError("--workers \(workers): 0 or more") }
        guard rateBurst >= 1, rate > 0 else { throw ValidationError("--rate-burst is at least 1 and --rate above 0") }
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): 0 to 65535") }
        if let announce,
            URL(string: announce)?.host == nil || !["http", "https"].contains(URL(string: announce)?.scheme)
        {
            throw ValidationError("--announce \(announce): an http:// or https:// webhook URL")
        }
        try gradingEngine.requireFence(workers: workers)
    }

    func run() async throws {
        // the server runs the store's connections as services of its application
        let store = try ClassStores.open(databaseOptions.location)
        let server = try ClassServer(
            store: store,
            configuration: ClassServerConfiguration(
                host: host, port: port, workers: workers, rateBurst: rateBurst,
                ratePerSecond: rate, engine: gradingEngine.chosen, announce: announce))
        let host = host
        if workers > 0 && !gradingEngine.fenced { Output.err("gym server: " + GradingEngineOptions.unfencedWarning) }
        try await server.run { worker, error in
            Output.err("gym server: worker \(worker): \(error); trying again")
        } onAnnouncement: { event in
            Output.err("gym server: \(event)")
        } onListening: { port in
            Output.err("gym server: listening on http://\(host):\(port) (pages: /leaderboard, /progress)")
        }
    }
}
