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

    /// Every image the engine holds, tagged or not, by full id: a Docker-exclusive test compares the set before
    /// and after to show it left nothing behind.
    public static func imageIDs() throws -> Set<String> {
        let listed = try Subprocess.run(["docker", "images", "--all", "--quiet", "--no-trunc"])
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
/// Waiters are served in arrival order, so an exclusive test is never starved by shared ones.
actor DockerGate {
    static let shared = DockerGate(
        slots: max(1, Int(ProcessInfo.processInfo.environment["GYM_TEST_ENGINE_SLOTS"] ?? "") ?? 2))

    let slots: Int
    private var inUse = 0
    private var waiters: [(slots: Int, continuation: CheckedContinuation<Void, Never>)] = []

    init(slots: Int) { self.slots = slots }

    /// Takes `wanted` slots (at most all of them), waiting behind earlier waiters.
    func acquire(_ wanted: Int) async {
        let wanted = min(wanted, slots)
        if waiters.isEmpty && inUse + wanted <= slots {
            inUse += wanted
            return
        }
        await withCheckedContinuation { waiters.append((wanted, $0)) }
    }

    func release(_ held: Int) {
        inUse -= min(held, slots)
        while let first = waiters.first, inUse + first.slots <= slots {
            waiters.removeFirst()
            inUse += first.slots
            first.continuation.resume()
        }
    }
}

/// The trait that gives a test (or every test of a suite) its share of the engine: all of it for a test that
/// compares the engine's whole image set before and after, or whose verdict a clock could sway; one slot for a
/// test whose builds have keys of their own (`RunNonce`, unique edits) and whose checks count only its own
/// images. Each test case's hold is logged on standard error (`engine gate:`), so CI's log shows where the
/// engine's time goes.
public struct EngineShare: TestTrait, SuiteTrait, TestScoping {
    /// Whether the test needs the engine to itself.
    public let alone: Bool

    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        let wanted = alone ? Int.max : 1
        let arrived = ContinuousClock.now
        await DockerGate.shared.acquire(wanted)
        let started = ContinuousClock.now
        defer {
            let held = ContinuousClock.now - started
            let waited = started - arrived
            FileHandle.standardError.write(
                Data(
                    "engine gate: \(test.name) \(alone ? "alone" : "shared") held \(Self.seconds(held)) s, waited \(Self.seconds(waited)) s\n"
                        .utf8))
        }
        do {
            try await function()
        } catch {
            await DockerGate.shared.release(wanted)
            throw error
        }
        await DockerGate.shared.release(wanted)
    }

    static func seconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
    }
}

extension Trait where Self == EngineShare {
    /// The engine to itself, across suites: the test compares the engine's image set or times its builds.
    public static var dockerExclusive: EngineShare { EngineShare(alone: true) }

    /// One of the engine's slots: the test's builds and images are its own, so another such test may run beside it.
    public static var dockerShared: EngineShare { EngineShare(alone: false) }
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
