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

/// Lets one Docker-backed test run at a time across every suite: tests that prune the build cache or assert
/// cache hits must not interleave with other builds.
actor DockerGate {
    static let shared = DockerGate()
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
    }
}

/// The trait that serialises a test (or every test of a suite) with all other Docker-backed tests.
public struct DockerExclusive: TestTrait, SuiteTrait, TestScoping {
    public var isRecursive: Bool { true }

    public func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        guard testCase != nil else { return try await function() }
        await DockerGate.shared.acquire()
        do {
            try await function()
        } catch {
            await DockerGate.shared.release()
            throw error
        }
        await DockerGate.shared.release()
    }
}

extension Trait where Self == DockerExclusive {
    /// One Docker-backed test at a time, across suites.
    public static var dockerExclusive: DockerExclusive { DockerExclusive() }
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
