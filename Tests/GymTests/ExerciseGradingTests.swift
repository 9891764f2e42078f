import Foundation
import TestSupport
import Testing

@testable import Gym

/// Every exercise's starter fails and its reference solution passes, graded on the real engine; its gaming
/// attempts (data under `gaming/`) fail at the check that catches them, its alternatives pass.
@Suite(
    "Exercises graded on the engine", .serialized, .dockerExclusive,
    .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
struct ExerciseGradingTests {
    /// A copy of `folder` with some files replaced.
    static func workspace(from folder: URL, replacing files: [String: String] = [:]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-grade-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: folder, to: dir)
        for (name, text) in files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return dir
    }

    static func grade(_ slug: String, _ dir: URL) throws -> [CheckResult] {
        Grader.check(try ExerciseCatalog.standard().exercise(slug), in: dir)
    }

    static let slugs = [
        "layer-detective", "multi-stage-migration", "jerry-fat-image", "vulnerability-scan", "layer-optimization",
        "multistage-build", "security-scanning", "image-size-challenge",
    ]

    /// The starter fails, the reference solution passes, every gaming attempt kept with the exercise fails at
    /// the check it names, every alternative passes: `gym validate`'s own code, on the real engine.
    @Test(arguments: slugs)
    func exerciseValidates(slug: String) throws {
        let exercise = try ExerciseCatalog.standard().exercise(slug)
        let imagesBefore = try DockerEngine.imageIDs()
        let outcomes = try ExerciseValidator.validate(exercise)
        // every build the checks made (the graded image, the rebuilds they time) is gone from the engine
        let left = try DockerEngine.imageIDs().subtracting(imagesBefore)
        #expect(left.isEmpty, "\(slug) left \(left.count) images in the engine")
        #expect(outcomes.count >= 2 + 5 + 2, "\(slug) has too few cases: \(outcomes.map(\.name))")
        for outcome in outcomes {
            let failing = outcome.results.filter { !$0.passed }.map { "\($0.id): \($0.measured)" }
            #expect(
                outcome.ok,
                "\(slug) \(outcome.name) must \(outcome.expectation); failing checks: \(failing)")
        }
    }
}
