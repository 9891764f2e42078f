import ArgumentParser
import Engine
import Foundation
import Server
import Storage

/// `gym server`: the class server (run, create-class).
struct ServerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "server",
        abstract: "Run a class: verified submissions, the image size leaderboard, the class's progress.",
        discussion: """
            An instructor creates a class once (gym server create-class NAME prints the instructor token and the \
            invite code), then runs the server. Students join with the invite code (gym login) and submit their \
            exercises (gym submit), which sends the workspace's files. The server never trusts a client's numbers \
            or images: a grading worker builds each submission's files on the server's engine and runs the \
            exercise's checks on that build; only its verdict reaches the leaderboard and the progress grid. No \
            registry is needed.

            State lives in one SQLite file (default: $GYM_HOME/class.sqlite, else ~/.gym/class.sqlite), or in PostgreSQL with --database postgres://USER@HOST:PORT/DATABASE: the same tables, and workers on several machines share its queue (FOR UPDATE SKIP LOCKED).

            Examples:
              gym server create-class "Week 2, Tuesday group"
              eval "$(scripts/fence.sh start)"      (the fenced grading engine)
              gym server run --engine "$GYM_FENCE_ENGINE" --build-proxy "$GYM_FENCE_PROXY"
              gym server run --unfenced-builds      (a trusted class on a laptop)
              gym server run --workers 0            (pages and API only)
              gym server work --database postgres://gym@db:5432/class ...  (elsewhere)
            """,
        subcommands: [
            ServerRunCommand.self, ServerWorkCommand.self, ServerCreateClassCommand.self, ServerEgressProxyCommand.self,
            ServerSeedDemoCommand.self,
        ],
        defaultSubcommand: ServerRunCommand.self)
}

/// Where the class's state is, shared by the server subcommands.
struct ClassDatabaseOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The class database: a SQLite file path, or postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE.",
            valueName: "location"))
    var database: String?

    var location: String { database ?? GymHome.directory + "/class.sqlite" }

    /// The store, its connections open for the length of `body`.
    func withStore<T: Sendable>(_ body: (any ClassStore) async throws -> T) async throws -> T {
        try await ClassStores.withStore(location, body)
    }
}

/// Where grading workers build, pull and run: another engine than the local one (a build farm machine).
struct GradingEngineOptions: ParsableArguments {
    @Option(
        name: [.customLong("engine"), .customLong("builder")],
        help: ArgumentHelp(
            "The engine the grading workers build and run on (a DOCKER_HOST: unix:///path/docker.sock, tcp://host:port, ssh://user@host); default: the local one.",
            valueName: "host"))
    var engine: String?

    @Option(
        help: ArgumentHelp(
            "The proxy the grading engine's builds use (BuildKit's HTTP_PROXY and HTTPS_PROXY): in a fenced engine, http://127.0.0.1:3128, the forwarder to gym server egress-proxy (scripts/fence.sh sets both up).",
            valueName: "url"))
    var buildProxy: String?

    @Flag(
        help:
            "Let the workers build students' files on an engine with this machine's network (a trusted class on a laptop); without it, workers need --engine and --build-proxy (the fence)."
    )
    var unfencedBuilds = false

    func validate() throws {
        if let buildProxy, !buildProxy.hasPrefix("http://") {
            throw ValidationError("--build-proxy \(buildProxy): expected http://HOST:PORT")
        }
        guard let engine else { return }
        guard engine.hasPrefix("unix://") || engine.hasPrefix("tcp://") || engine.hasPrefix("ssh://") else {
            throw ValidationError("--engine \(engine): expected unix:///path, tcp://host:port or ssh://user@host")
        }
    }

    /// The engine the workers use: a value handed to them, never this process's environment.
    var chosen: Engine { Engine(host: engine, buildProxy: buildProxy) }

    /// Whether the workers' builds are fenced: another engine, and a proxy as its only way out.
    var fenced: Bool { engine != nil && buildProxy != nil }

    /// How to fence the workers' builds, for the refusal and the warning.
    static let howToFence =
        "fence them: eval \"$(scripts/fence.sh start)\", gym server egress-proxy --socket \"$GYM_FENCE_PROXY_SOCKET\" &, "
        + "then --engine \"$GYM_FENCE_ENGINE\" --build-proxy \"$GYM_FENCE_PROXY\" (or --unfenced-builds for a trusted class)"

    /// What `gym server run` and `gym server work` print when the workers' builds are not fenced.
    static let unfencedWarning =
        "warning: --unfenced-builds: the workers build students' files on an engine with this machine's network: a "
        + "RUN step can reach this server, its database and anything the machine reaches"

    /// Refuses workers whose builds are not fenced, unless the instructor said so.
    func requireFence(workers: Int) throws {
        guard workers > 0, !fenced, !unfencedBuilds else { return }
        throw ValidationError(
            "a student's RUN steps would run with this machine's network (this server, its database, anything it reaches): "
                + Self.howToFence)
    }
}
