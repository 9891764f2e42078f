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
