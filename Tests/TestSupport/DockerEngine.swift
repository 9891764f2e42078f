import Foundation
import Spawn
import Testing

/// Whether a Docker engine with the local stand-in base images answers; Docker-backed suites are gated on it.
public enum DockerEngine {
    public static var isAvailable: Bool { RequiredParts.gate(present: isPresent) }

    /// Whether the engine answers with the stand-in base images.
    public static let isPresent: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["docker", "image", "inspect", "gym-local/python:3.11-slim"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    public static let skipMessage: Comment = "needs a Docker engine and scripts/base-images.sh (.ci/run starts both)"

    /// Every image the engine holds carrying `label` (`key=value`), tagged or not, by full id: a test whose builds
    /// carry its run's own label looks for them afterwards to show it left nothing behind.
    public static func imageIDs(label: String) throws -> Set<String> {
        let listed = try Subprocess.run(
            ["docker", "images", "--all", "--quiet", "--no-trunc", "--filter", "label=\(label)"])
        // an engine that does not answer must fail the comparison, not make both sets empty
        guard listed.succeeded else {
            throw RegistryTestError(
                "docker images: exit \(listed.status): \(String(decoding: listed.stderr, as: UTF8.self))")
        }
        return Set(String(decoding: listed.stdout, as: UTF8.self).split(separator: "\n").map(String.init))
    }
}

/// Shares the local engine between the Docker-backed tests of every suite: a test holds one of the engine's slots
/// (`dockerShared`) or all of them (`dockerExclusive`). Two slots, so two builds overlap where one test waits on
/// the network or a container while the other compiles; `GYM_TEST_ENGINE_SLOTS=1` runs them one at a time.
/// Tests of one named group (tests that build the same exercise and count its builds on the engine) never hold
/// slots at once. Waiters are served in arrival order, so an exclusive test is never starved by shared ones.
actor DockerGate {
    static let shared = DockerGate(
        slots: max(1, Int(ProcessInfo.processInfo.environment["GYM_TEST_ENGINE_SLOTS"] ?? "") ?? 2))

    struct Waiter {
        var slots: Int
        var group: String?
        var continuation: CheckedContinuation<Void, Never>
    }

    let slots: Int
    private var inUse = 0
    private var groupsHeld: Set<String> = []
    private var waiters: [Waiter] = []

    init(slots: Int) { self.slots = slots }

    private func fits(_ wanted: Int, _ group: String?) -> Bool {
        inUse + wanted <= slots && !(group.map(groupsHeld.contains) ?? false)
    }

    private func take(_ wanted: Int, _ group: String?) {
        inUse += wanted
        if let group { groupsHeld.insert(group) }
    }

    /// Takes `wanted` slots (at most all of them) for a test of `group`, waiting behind earlier waiters.
    func acquire(_ wanted: Int, group: String?) async {
        await withCheckedContinuation {
            waiters.append(Waiter(slots: min(wanted, slots), group: group, continuation: $0))
            admit()
        }
    }

    func release(_ held: Int, group: String?) {
        inUse -= min(held, slots)
        if let group { groupsHeld.remove(group) }
        admit()
    }

    /// Lets waiters in, in arrival order: one waiting only for its group to be free is passed over, one
    /// waiting for slots stops the line (so a test that needs them all gets them).
    private func admit() {
        var index = 0
        while index < waiters.count {
            let waiter = waiters[index]
            if inUse + waiter.slots > slots { return }
            if fits(waiter.slots, waiter.group) {
                waiters.remove(at: index)
                take(waiter.slots, waiter.group)
                waiter.continuation.resume()
            } else {
                index += 1
            }
        }
    }
}

/// The trait that gives a test (or every test of a suite) its share of the engine: all of it for a test that
/// compares the engine's whole image set before and after, or whose verdict a clock could sway; one slot for a
/// test whose builds have keys of their own (`RunNonce`, unique edits) and whose checks count only its own
/// images. The test runs on threads of its own (`OwnThreadsExecutor`): a Docker-backed test waits on builds
/// synchronously, and two of them must not hold the whole cooperative pool (one thread per core) while
/// another suite's server or timer waits for a turn. Each test case's hold is logged on standard error
/// (`engine gate:`), so CI's log shows where the engine's time goes.
public struct EngineShare: TestTrait, SuiteTrait, TestScoping {
    /// Whether the test needs the engine to itself.
    public let alone: Bool
    /// Tests of the same group never run at once.
    public let group: String?

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        let wanted = alone ? Int.max : 1
        let arrived = ContinuousClock.now
        await DockerGate.shared.acquire(wanted, group: group)
        let started = ContinuousClock.now
        defer {
            let held = ContinuousClock.now - started
            let waited = started - arrived
            let line =
                "engine gate: \(test.name) \(alone ? "alone" : "shared") held \(Self.seconds(held)) s, waited \(Self.seconds(waited)) s\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
        do {
            try await withTaskExecutorPreference(OwnThreadsExecutor.shared) { try await function() }
        } catch {
            await DockerGate.shared.release(wanted, group: group)
            throw error
        }
        await DockerGate.shared.release(wanted, group: group)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

extension Trait where Self == EngineShare {
    /// The engine to itself, across suites: the test compares the engine's image set or times its builds.
    public static var dockerExclusive: EngineShare { EngineShare(alone: true, group: nil) }

    /// One of the engine's slots: the test's builds and images are its own, so another such test may run beside it.
    public static var dockerShared: EngineShare { EngineShare(alone: false, group: nil) }

    /// One of the engine's slots, never at once with another test of `group`.
    public static func dockerShared(group: String) -> EngineShare { EngineShare(alone: false, group: group) }
}

/// The course's BAD and GOOD Python Dockerfiles ("Layer Caching"), on the local stand-in base image.
public enum CourseDockerfiles {
    public static let badPython = """
        FROM gym-local/python:3.11-slim
        WORKDIR /app
        COPY . .
        RUN pip install -r requirements.txt
        CMD ["python", "app.py"]
        """
    public static let goodPython = """
        FROM gym-local/python:3.11-slim
        WORKDIR /app
        COPY requirements.txt .
        RUN pip install -r requirements.txt
        COPY . .
        CMD ["python", "app.py"]
        """
}
