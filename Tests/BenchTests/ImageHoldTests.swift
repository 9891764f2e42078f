import Foundation
import Spawn
import TestSupport
import Testing

@testable import Bench

/// Two graders of one submitted image (the same digest from the class registry): each holds it under a tag of
/// its own, and one letting go never removes the image from under the other, even when they run at once.
@Suite(
    "Holds on a pulled image", .serialized, .dockerExclusive,
    .enabled(if: DockerEngine.isAvailable && LoopbackRegistry.isAvailable, DockerEngine.skipMessage))
struct ImageHoldTests {
    /// The base pushed to a fresh loopback registry, as the digest reference a submission names.
    static func submitted(_ registry: LoopbackRegistry) throws -> String {
        let pushed = try registry.push(engineImage: "debian:bookworm-slim", as: "gym/hold-test:1")
        let listed = try Subprocess.run([
            "docker", "image", "inspect", "--format", "{{range .RepoDigests}}{{println .}}{{end}}", pushed,
        ])
        let reference = try #require(
            String(decoding: listed.stdout, as: UTF8.self).split(separator: "\n").first {
                $0.hasPrefix(registry.host + "/gym/hold-test@sha256:")
            })
        // the push's own tag goes: the digest is the only name the registry's copy has, as on a grader
        _ = try Subprocess.run(["docker", "image", "rm", pushed])
        return String(reference)
    }

    @Test func oneGradersReleaseLeavesTheImageToTheOther() throws {
        let registry = try LoopbackRegistry()
        let reference = try Self.submitted(registry)
        let builder = DockerBuilder()
        let base = try builder.inspectImage("debian:bookworm-slim").imageID
        try builder.hold(reference, as: "gym-hold-a:1")
        try builder.hold(reference, as: "gym-hold-b:1")
        builder.release(reference, heldAs: "gym-hold-a:1")
        #expect(!builder.hasImage("gym-hold-a:1") && !builder.hasImage(reference))
        // b still grades the same image
        #expect(try builder.inspectImage("gym-hold-b:1").imageID == base)
        // a third grader pulls the digest again (its name was released) and holds it too
        try builder.hold(reference, as: "gym-hold-c:1")
        builder.release(reference, heldAs: "gym-hold-b:1")
        #expect(try builder.inspectImage("gym-hold-c:1").imageID == base)
        builder.release(reference, heldAs: "gym-hold-c:1")
        #expect(!builder.hasImage("gym-hold-c:1") && !builder.hasImage(reference))
        #expect(builder.hasImage("debian:bookworm-slim"), "the base's own name keeps it")
    }

    @Test func gradersAtOnceNeverLoseTheImage() throws {
        let registry = try LoopbackRegistry()
        let reference = try Self.submitted(registry)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { grader in
            let builder = DockerBuilder()
            for round in 0..<4 {
                let tag = "gym-hold-\(grader)-\(round):1"
                do {
                    try builder.hold(reference, as: tag)
                    _ = try builder.inspectImage(tag)
                } catch {
                    failures.add("\(tag): \(error)")
                }
                builder.release(reference, heldAs: tag)
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
    }

    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func add(_ failure: String) { lock.withLock { list.append(failure) } }
        var all: [String] { lock.withLock { list } }
    }
}
