import Foundation
import Testing

@testable import Gym

/// The shipped exercises are well-formed data: every one loads, has hints and checks, and ships a starter
/// and a solution holding the Dockerfile the checks build.
@Suite("Exercise catalog")
struct ExerciseCatalogTests {
    @Test func everyExerciseLoadsWithStarterSolutionHintsAndChecks() throws {
        let catalog = try ExerciseCatalog.standard()
        #expect(catalog.exercises.map(\.slug).contains("layer-detective"))
        for exercise in catalog.exercises {
            #expect(!exercise.hints.isEmpty, "\(exercise.slug)")
            #expect(!exercise.checks.isEmpty, "\(exercise.slug)")
            #expect(
                FileManager.default.fileExists(
                    atPath: exercise.starter.appendingPathComponent(exercise.dockerfile).path),
                "\(exercise.slug)")
            // the solution holds only what it changes: every file differs from the starter's
            let changed = try FileManager.default.subpathsOfDirectory(atPath: exercise.solution.path)
            #expect(!changed.isEmpty, "\(exercise.slug)")
            for relative in changed {
                let mine = FileManager.default.contents(atPath: exercise.solution.appendingPathComponent(relative).path)
                let theirs = FileManager.default.contents(
                    atPath: exercise.starter.appendingPathComponent(relative).path)
                #expect(mine != theirs, "\(exercise.slug)/solution/\(relative) is the starter's file")
            }
        }
    }

    /// Every exercise keeps its gaming attempts and alternatives as data: at least five gaming attempts and
    /// two alternatives, every gaming case naming a check the exercise has.
    @Test func everyExerciseKeepsGamingAttemptsAndAlternatives() throws {
        let catalog = try ExerciseCatalog.standard()
        #expect(catalog.exercises.count == 8)
        for exercise in catalog.exercises {
            let cases = try exercise.cases()
            let gaming = cases.filter { $0.kind == .gaming }
            #expect(gaming.count >= 5, "\(exercise.slug): \(gaming.map(\.name))")
            #expect(cases.filter { $0.kind == .alternative }.count >= 2, "\(exercise.slug)")
            let ids = Set(exercise.checks.map(\.id))
            for attempt in gaming {
                #expect(ids.contains(attempt.caughtBy ?? ""), "\(exercise.slug)/gaming/\(attempt.name)")
            }
            #expect(exercise.checks.contains { $0.id == "app-intact" }, "\(exercise.slug) protects its app")
        }
    }

    @Test(arguments: [
        ("lab-01-layer-optimization", "layer-optimization"), ("lab-02-multistage-build", "multistage-build"),
        ("lab-03-security-scanning", "security-scanning"), ("layer-detective", "layer-detective"),
    ])
    func courseFolderNamesAnswer(name: String, slug: String) throws {
        #expect(try ExerciseCatalog.standard().exercise(name).slug == slug)
    }

    @Test func unknownSlugNamesTheKnownOnes() throws {
        let catalog = try ExerciseCatalog.standard()
        #expect(throws: GymError.unknownExercise("nope", known: catalog.exercises.map(\.slug))) {
            try catalog.exercise("nope")
        }
    }

    @Test(arguments: [
        ("kind: shout\n", "unknown kind shout"),
        ("kind: image-size\n", "needs a number max-mb"),
        ("kind: rebuilds-offline\n", "needs code"),
        ("kind: image-lacks\n    reason: r\n    kinds: [compilers]\n", "unknown kind compilers; known: go-toolchain"),
        ("kind: image-runs\n    expect: x\n    nonce: date\n", "nonce is count or word"),
        ("kind: app-intact\n    artefacts:\n      - path: a\n", "an artefact needs size and sha256"),
        ("kind: serves\n    requests: []\n", "needs a port (1-65535)"),
        ("kind: serves\n    port: 70000\n", "needs a port (1-65535)"),
        ("kind: serves\n    port: 8000\n", "(serves) needs requests"),
        (
            "kind: serves\n    port: 8000\n    requests:\n      - path: health\n        body: x\n",
            "a request needs a path (/...) and a body"
        ),
    ])
    func badCheckSpecsAreClearErrors(check: String, message: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-bad-\(UUID().uuidString)/broken")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let yaml = "slug: broken\ntitle: t\nfocus: f\nstory: s\nchecks:\n  - " + check
        try yaml.write(to: dir.appendingPathComponent("exercise.yaml"), atomically: true, encoding: .utf8)
        do {
            _ = try Exercise(directory: dir)
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}

/// Every gaming attempt kept with the built-in exercises names the check that must catch it and the reason
/// (a phrase of that check's failure), so validation can tell a catch from a failure for another reason.
struct GamingCaseReasonTests {
    @Test func everyGamingCaseNamesItsCheckAndItsReason() throws {
        var gaming = 0
        for exercise in try ExerciseCatalog.standard().exercises {
            for item in try exercise.cases() where item.kind == .gaming {
                gaming += 1
                #expect(exercise.checks.contains { $0.id == item.caughtBy }, "\(exercise.slug)/\(item.name)")
                #expect(item.reason.map { !$0.isEmpty } == true, "\(exercise.slug)/\(item.name) names no reason")
            }
        }
        #expect(gaming >= 50, "the pack's gaming cases are missing: \(gaming)")
    }
}
