import Engine
import Foundation
import TestSupport
import Testing

@testable import Gym

/// Every exercise's starter fails and its reference solution passes, graded on the real engine; its gaming
/// attempts (data under `gaming/`) fail at the check that catches them, its alternatives pass.
///
/// The attempts no clock can sway are graded on one of the engine's slots, beside other suites' builds; the
/// attempts a timed check's clock could sway (layer-optimization's rebuild ratio) are graded with the engine to
/// themselves. Every build carries a label of this validation's own, so what it left behind is found on an
/// engine other tests use at the same time.
@Suite("Exercises graded on the engine")
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

    /// The exercises graded beside the class server's suites: every one but image-size-challenge, whose builds
    /// the build farm's test counts on the local engine.
    static let besideTheClass = slugs.filter { $0 != "image-size-challenge" }

    /// The exercises with a timed check.
    static let timed = ["layer-optimization"]

    /// The starter fails, the reference solution passes, every gaming attempt kept with the exercise fails at
    /// the check it names, every alternative passes (those no clock can sway): `gym validate`'s own code, on the
    /// real engine.
    @Test(.dockerShared, .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage), arguments: besideTheClass)
    func exerciseValidates(slug: String) throws {
        try Self.validate(slug, .unclocked, atLeast: Self.timed.contains(slug) ? 2 + 5 : 2 + 5 + 2)
    }

    /// image-size-challenge, never beside the class server's suites that build it and count its builds.
    @Test(
        .dockerShared(group: "image-size-challenge on the class server"),
        .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage))
    func imageSizeChallengeValidates() throws {
        try Self.validate("image-size-challenge", .unclocked, atLeast: 2 + 5 + 2)
    }

    /// The attempts a timed check's clock could sway (the solution, the alternatives, a gaming attempt caught by
    /// the clock itself), each graded with nothing else on the engine.
    @Test(.dockerExclusive, .enabled(if: DockerEngine.isAvailable, DockerEngine.skipMessage), arguments: timed)
    func clockedAttemptsValidate(slug: String) throws {
        try Self.validate(slug, .clocked, atLeast: 1 + 2)
    }

    /// Every exercise is validated whole by the tests above (the ones with no timed check entirely beside other
    /// builds, the timed ones in two parts), and each keeps a starter, a solution, five gaming attempts and two
    /// alternatives.
    @Test func everyExerciseIsValidated() throws {
        #expect(Set(Self.slugs) == Set(try ExerciseCatalog.standard().exercises.map(\.slug)))
        for slug in Self.slugs {
            let exercise = try ExerciseCatalog.standard().exercise(slug)
            let timed = exercise.checks.contains(where: \.timed)
            #expect(timed == Self.timed.contains(slug), "\(slug): timed \(timed)")
            let attempts = try ExerciseValidator.attempts(exercise)
            #expect(attempts.count >= 2 + 5 + 2, "\(slug) has too few cases: \(attempts.map(\.name))")
        }
    }

    static func validate(_ slug: String, _ part: ExerciseValidator.Part, atLeast cases: Int) throws {
        let exercise = try ExerciseCatalog.standard().exercise(slug)
        let run = "org.containergym.test-run=\(UUID().uuidString)"
        let outcomes = try ExerciseValidator.validate(exercise, part: part, engine: Engine.local.labelling(run))
        // every build the checks made (the graded image, the rebuilds they time) is gone from the engine
        let left = try DockerEngine.imageIDs(label: run)
        #expect(left.isEmpty, "\(slug) left \(left.count) images in the engine")
        #expect(outcomes.count >= cases, "\(slug) has too few cases: \(outcomes.map(\.name))")
        for outcome in outcomes {
            let failing = outcome.results.filter { !$0.passed }.map { "\($0.id): \($0.measured)" }
            #expect(
                outcome.ok,
                "\(slug) \(outcome.name) must \(outcome.expectation); failing checks: \(failing)")
        }
    }
}
