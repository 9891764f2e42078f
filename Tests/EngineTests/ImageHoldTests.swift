import Foundation
import Spawn
import TestSupport
import Testing

@testable import Engine

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
        let engine = Engine.local
        let base = try engine.measuredImage("debian:bookworm-slim").imageID
        try engine.hold(reference, as: "gym-hold-a:1")
        try engine.hold(reference, as: "gym-hold-b:1")
        engine.release(reference, heldAs: "gym-hold-a:1")
        #expect(!engine.hasImage("gym-hold-a:1") && !engine.hasImage(reference))
        // b still grades the same image
        #expect(try engine.measuredImage("gym-hold-b:1").imageID == base)
        // a third grader pulls the digest again (its name was released) and holds it too
        try engine.hold(reference, as: "gym-hold-c:1")
        engine.release(reference, heldAs: "gym-hold-b:1")
        #expect(try engine.measuredImage("gym-hold-c:1").imageID == base)
        engine.release(reference, heldAs: "gym-hold-c:1")
        #expect(!engine.hasImage("gym-hold-c:1") && !engine.hasImage(reference))
        #expect(engine.hasImage("debian:bookworm-slim"), "the base's own name keeps it")
    }

    @Test func gradersAtOnceNeverLoseTheImage() throws {
        let registry = try LoopbackRegistry()
        let reference = try Self.submitted(registry)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 2) { grader in
            let engine = Engine.local
            for round in 0..<4 {
                let tag = "gym-hold-\(grader)-\(round):1"
                do {
                    try engine.hold(reference, as: tag)
                    _ = try engine.measuredImage(tag)
                } catch {
                    failures.add("\(tag): \(error)")
                }
                engine.release(reference, heldAs: tag)
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
