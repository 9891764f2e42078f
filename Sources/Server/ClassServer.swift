import Engine
import Foundation
import Gym
import Hummingbird
import Logging
import Mustache

/// How a class server runs.
public struct ClassServerConfiguration: Sendable {
    /// Where it listens (loopback by default; port 0 picks a free one).
    public var host: String
    public var port: Int
    /// Grading workers in this process (0: the HTTP side only; `gym server work` runs workers alone).
    public var workers: Int
    /// How long a worker holds a job before another may take it over (a worker that died).
    public var lease: TimeInterval
    /// Requests a token (or an address without one) may make at once, and per second after that.
    public var rateBurst: Int
    public var ratePerSecond: Double
    /// The engine this process's grading workers build and run on.
    public var engine: Engine
    /// A chat webhook (Discord- or Slack-compatible) told of each verified submission that enters the size
    /// challenge's top 3 or beats the record; nil: none.
    public var announce: String?

    public init(
        host: String = "127.0.0.1", port: Int = 8080, workers: Int = 1,
        lease: TimeInterval = 900, rateBurst: Int = 60, ratePerSecond: Double = 5, engine: Engine = .local,
        announce: String? = nil
    ) {
        self.engine = engine
        self.announce = announce
        self.host = host
        self.port = port
        self.workers = workers
        self.lease = lease
        self.rateBurst = rateBurst
        self.ratePerSecond = ratePerSecond
    }
}

/// `gym server`: the class's routes and pages over one store, with its grading workers.
public final class ClassServer: Sendable {
    /// The largest request body (a submission with its workspace).
    public static let maximumRequestBytes = 4 << 20
    /// The largest workspace a submission may carry, decoded.
    public static let maximumWorkspaceBytes = 2 << 20
    /// The largest image size a client may claim (1 TiB): a claim beyond it is refused, not stored.
    public static let maximumClaimedImageBytes: Int64 = 1 << 40

    public let store: any ClassStore
    public let configuration: ClassServerConfiguration
    let exercises: [Exercise]
    /// Each exercise's starter and reference solution, for telling which submissions made the same changes.
    let baselines: ExerciseBaselines
    let pages: MustacheLibrary
    let apiDocument: String
    let loginLinks = LoginLinks()
    /// The hot pages as sent, per class revision.
    let pageCache = PageCache()

    public init(store: any ClassStore, configuration: ClassServerConfiguration) throws(ServerError) {
        self.store = store
        self.configuration = configuration
        do {
            exercises = try ExerciseCatalog.standard().exercises
            baselines = ExerciseBaselines(exercises)
        } catch {
            throw .installation("cannot load the exercises: \(error)")
        }
        pages = try PageTemplates.library()
        apiDocument = try PageTemplates.openAPIDocument()
    }

    /// Every route group on one router.
    func router() -> Router<ClassRequestContext> {
        let router = Router(context: ClassRequestContext.self)
        let routes = ClassRoutes(router: router)
        router.add(
            middleware: TokenMiddleware(
                store: store,
                limiter: RateLimiter(burst: configuration.rateBurst, perSecond: configuration.ratePerSecond),
                routes: routes, pages: pages))
        AccountRoutes(server: self).add(to: routes)
        SubmissionRoutes(server: self).add(to: routes)
        BoardRoutes(server: self).add(to: routes)
        PageRoutes(server: self).add(to: routes)
        APIDescriptionRoutes(document: apiDocument).add(to: routes)
        return router
    }

    /// Serves until the task is cancelled (or SIGINT/SIGTERM), with `configuration.workers` grading workers;
    /// `onListening` gets the port once the socket is bound.
    ///
    /// The store's services (PostgreSQL's pool) are services of the Hummingbird application; its tables are
    /// prepared before the server starts, and the workers and the announcer start once it listens.
    public func run(
        workerName: String = ClassServer.defaultWorkerName,
        onWorkerError: @escaping @Sendable (String, ServerError) -> Void = { _, _ in },
        onAnnouncement: @escaping @Sendable (String) -> Void = { _ in },
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let (listening, listeningContinuation) = AsyncStream<Int>.makeStream()
        var application = Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gym"),
            services: store.services,
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                listeningContinuation.yield(port)
                listeningContinuation.finish()
                await onListening(port)
            },
            logger: Self.quietLogger)
        let store = store
        application.beforeServerStarts { try await store.prepare() }
        let prepared = application
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { listeningContinuation.finish() }
                try await prepared.runService()
            }
            // nothing listens when the store could not be prepared: the application's error ends the group
            var started = false
            for await _ in listening { started = true }
            if started {
                for index in 0..<max(0, configuration.workers) {
                    let worker = GradingWorker(
                        store: store, name: "\(workerName)-\(index)", lease: configuration.lease,
                        engine: configuration.engine)
                    group.addTask { try await worker.run { onWorkerError(worker.name, $0) } }
                }
                if let url = configuration.announce {
                    let announcer = Announcer(store: store, url: url)
                    group.addTask { try await announcer.run(onEvent: onAnnouncement) }
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Grading workers alone, no HTTP (`gym server work`): another machine's share of the load. The store
    /// must be running (`ClassStores.withStore`).
    public static func runWorkers(
        store: any ClassStore, count: Int, lease: TimeInterval, name: String = ClassServer.defaultWorkerName,
        engine: Engine = .local, onError: @escaping @Sendable (String, ServerError) -> Void = { _, _ in }
    ) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<max(1, count) {
                let worker = GradingWorker(store: store, name: "\(name)-\(index)", lease: lease, engine: engine)
                group.addTask { try await worker.run { onError(worker.name, $0) } }
            }
            try await group.waitForAll()
        }
    }

    /// Hummingbird's own log: warnings and errors only (the command says where it listens).
    static let quietLogger: Logger = {
        var logger = Logger(label: "gym.server")
        logger.logLevel = .warning
        return logger
    }()

    public static var defaultWorkerName: String {
        "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
    }
}
