import Foundation
import Testing

@testable import Engine

/// `buildForMeasurement` names each build with a scratch tag of its own and removes exactly that tag, whether
/// the build succeeds or fails; the engine-backed suites show no image is left on the real engine.
@Suite struct BuildForMeasurementTests {
    /// A builder that records what it was asked: the protocol extension's own logic, not the engine's.
    final class RecordingBuilder: BuilderDriver, @unchecked Sendable {
        let name = "recording"
        let fails: Bool
        var built: [BuildRequest] = []
        var removed: [String] = []
        init(fails: Bool) { self.fails = fails }
        func version() throws(EngineError) -> String { "1" }
        func build(_ request: BuildRequest, onStep: ((BuildStep) -> Void)?) throws(EngineError) -> BuildResult {
            built.append(request)
            if fails { throw .buildFailed(step: "RUN false", message: "exit code: 1", log: "") }
            return BuildResult(wallSeconds: 1, steps: [], imageID: "sha256:1", imageSize: 1, succeeded: true, log: "")
        }
        func removeImage(_ reference: String) { removed.append(reference) }
    }

    @Test(arguments: [false, true])
    func theScratchTagIsRemovedAfterTheBuild(fails: Bool) throws {
        let builder = RecordingBuilder(fails: fails)
        let request = BuildRequest(context: "/ctx", dockerfile: "/ctx/Dockerfile", tag: "users-own:tag")
        for _ in 1...2 { _ = try? builder.buildForMeasurement(request) }
        #expect(builder.built.count == 2)
        let tags = builder.built.compactMap(\.tag)
        #expect(tags.count == 2 && Set(tags).count == 2, "a fresh scratch tag for every build: \(tags)")
        #expect(tags.allSatisfy { $0.hasPrefix("gym-measurement:") }, "the request's own tag is never used")
        #expect(builder.removed == tags, "exactly the scratch tags are removed, the user's never")
        #expect(builder.built.allSatisfy { $0.context == "/ctx" && $0.dockerfile == "/ctx/Dockerfile" })
    }
}
