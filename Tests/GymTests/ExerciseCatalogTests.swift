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
            for folder in [exercise.starter, exercise.solution] {
                let dockerfile = folder.appendingPathComponent(exercise.dockerfile).path
                #expect(FileManager.default.fileExists(atPath: dockerfile), "\(dockerfile)")
            }
        }
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
