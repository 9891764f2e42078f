import Engine
import Fence
import Foundation
import Gym
import Spawn
import TestSupport
import Testing

@testable import Server

/// A student's RUN steps on the grading engine are an attacker's code: in the fenced engine (scripts/fence.sh)
/// they reach the class server, PostgreSQL and every other address of the machine not at all, and the package
/// registries only through the egress proxy, which refuses names off its list and non-public addresses.
@Suite(
    "Fenced grading builds", .ownThreads, .serialized, .dockerShared(group: "image-size-challenge on the class server"),
    .enabled(if: DockerEngine.isAvailable && FencedEngine.isAvailable, FencedEngine.skipMessage))
struct FencedBuildTests {
    static let probe = """
        import socket, sys, urllib.request
        def tcp(name, host, port):
            try:
                socket.create_connection((host, port), timeout=5).close()
                return f"{name}: reached"
            except Exception as error:
                return f"{name}: blocked ({type(error).__name__})"
        def proxied(name, url):
            try:
                urllib.request.urlopen(url, timeout=15).read()
                return f"{name}: reached"
            except Exception as error:
                return f"{name}: blocked ({error})"
        server, database = int(sys.argv[1]), int(sys.argv[2])
        for line in [
            tcp("class server", "127.0.0.1", server), tcp("postgresql", "127.0.0.1", database),
            tcp("pypi without the proxy", "pypi.org", 443),
            proxied("class server through the proxy", f"http://127.0.0.1:{server}/api/openapi.json"),
            proxied("localhost through the proxy", f"http://localhost/"),
            proxied("a name the proxy denies", "http://example.org/"),
        ]:
            print(line)
        """

    @Test func theMachineIsOutOfReachAndPipStillWorks() async throws {
        let fence = try FencedEngine()
        let decisions = DecisionLines()
        let proxy = try await EgressProxy.start(socketPath: fence.proxySocket, policy: EgressPolicy()) {
            decisions.append($0)
        }
        let server = try await RunningServer()
        let serverPort = try #require(URLComponents(string: server.url)?.port)
        let databasePort = LoopbackPostgres.url.flatMap { URLComponents(string: $0)?.port } ?? 54329
        let context = FileManager.default.temporaryDirectory.appendingPathComponent("gym-fence-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: context, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: context) }
        try Self.probe.write(to: context.appendingPathComponent("probe.py"), atomically: true, encoding: .utf8)
        try """
        FROM python:3.11-slim
        COPY probe.py /
        RUN python3 /probe.py \(serverPort) \(databasePort) > /probes.txt
        RUN pip install --no-cache-dir six==1.16.0 && python3 -c "import six; print('six', six.__version__)" > /pip.txt
        """.write(to: context.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)

        let engine = Engine(host: fence.host, buildProxy: fence.buildProxy)
        let built = try engine.build(
            BuildRequest(
                context: context.path, dockerfile: context.appendingPathComponent("Dockerfile").path, network: "host",
                noCache: true))
        let image = try #require(built.imageID)
        let lines = try fence.docker(["run", "--rm", "--network", "none", image, "cat", "/probes.txt", "/pip.txt"])
            .split(separator: "\n").map(String.init)
        for name in [
            "class server", "postgresql", "pypi without the proxy", "class server through the proxy",
            "localhost through the proxy", "a name the proxy denies",
        ] {
            let line = try #require(lines.first { $0.hasPrefix(name + ":") }, "\(lines)")
            #expect(line.hasPrefix(name + ": blocked"), "\(line)")
        }
        #expect(lines.contains { $0.contains("403") && $0.hasPrefix("a name the proxy denies") }, "\(lines)")
        #expect(lines.contains("six 1.16.0"), "\(lines)")
        // the proxy let PyPI through and nothing else
        let allowed = decisions.lines.filter { $0.contains("allowed") }
        #expect(
            !allowed.isEmpty && allowed.allSatisfy { $0.contains("pypi") || $0.contains("pythonhosted") }, "\(allowed)")
        await proxy.close()
        await server.stop()
    }

    /// The attack from #24: a submission whose RUN step joins the class through the server's own API while a
    /// worker builds it. On the fenced engine the step cannot reach the server, and the build's apt-get
    /// still reaches Debian's mirror through the proxy, so the honest part of the submission passes.
    @Test func aSubmissionCannotJoinTheClassWhileItIsBuilt() async throws {
        let fence = try FencedEngine()
        let decisions = DecisionLines()
        let proxy = try await EgressProxy.start(socketPath: fence.proxySocket, policy: EgressPolicy()) {
            decisions.append($0)
        }
        let server = try await RunningServer(
            workers: 1, engine: Engine(host: fence.host, buildProxy: fence.buildProxy))
        let created = try await server.store.createClass(name: "fenced")
        let ada = try await ClassClient(server: server.url, token: nil).join(invite: created.inviteCode, name: "ada")
        let exercise = try ExerciseCatalog.standard().exercise("image-size-challenge")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gym-fence-\(UUID().uuidString)")
        try exercise.writeSolution(to: directory)
        defer { try? FileManager.default.removeItem(at: directory) }
        let join = """
            import json, urllib.request as u
            for url in ["\(server.url)/api/join"]:
                u.urlopen(u.Request(url, data=json.dumps({"invite": "\(created.inviteCode)", "name": "pwned"}).encode(),
                                    headers={"Content-Type": "application/json"}), timeout=10)
            """
        try join.write(to: directory.appendingPathComponent("join.py"), atomically: true, encoding: .utf8)
        let dockerfile = directory.appendingPathComponent("Dockerfile")
        try
            (try String(contentsOf: dockerfile, encoding: .utf8)
            + "COPY join.py /tmp/\nRUN python3 /tmp/join.py || true\n")
            .write(to: dockerfile, atomically: true, encoding: .utf8)

        let accepted = try await ClassClient(server: server.url, token: ada.token).submit(
            SubmissionRequest(
                exercise: exercise.slug, workspace: try SubmittedWorkspace.read(directory),
                claimed: ClaimedResult(passed: true, sizeBytes: nil, hints: 0)))
        let graded = try await ClassClient(server: server.url, token: ada.token).waitForVerdict(
            accepted.id, timeout: .seconds(600))
        #expect(graded.status == .passed, "\(String(describing: graded.verdict))")
        let grid = try await ClassClient(server: server.url, token: created.instructorToken).progressGrid()
        #expect(grid.rows.map(\.student) == ["ada"], "the build joined the class: \(grid.rows.map(\.student))")
        let allowed = decisions.lines.filter { $0.contains("allowed") }
        #expect(allowed.contains { $0.contains("deb.debian.org:80") }, "\(decisions.lines)")
        #expect(!decisions.lines.contains { $0.contains("127.0.0.1") && $0.contains("allowed") })
        await proxy.close()
        await server.stop()
    }
}

final class DecisionLines: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func append(_ line: String) { lock.withLock { stored.append(line) } }
    var lines: [String] { lock.withLock { stored } }
}
