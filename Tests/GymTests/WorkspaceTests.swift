import Foundation
import Testing

@testable import Gym

/// A learner's work is never lost: start does not overwrite, reset backs up first; progress is recorded.
@Suite("Workspace and progress")
struct WorkspaceTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func startNeverOverwritesAndResetKeepsABackup() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let exercise = try ExerciseCatalog.standard().exercise("layer-detective")
        let space = Workspace(root: dir.path)
        #expect(try space.start(exercise) == .created)
        let dockerfile = space.directory(for: exercise).appendingPathComponent("Dockerfile")
        try "FROM scratch # my work\n".write(to: dockerfile, atomically: true, encoding: .utf8)
        #expect(try space.start(exercise) == .resumed)
        #expect(try String(contentsOf: dockerfile, encoding: .utf8) == "FROM scratch # my work\n")

        let backup = try #require(try space.reset(exercise))
        #expect(
            try String(contentsOf: backup.appendingPathComponent("Dockerfile"), encoding: .utf8)
                == "FROM scratch # my work\n")
        let starter = try String(contentsOf: exercise.starter.appendingPathComponent("Dockerfile"), encoding: .utf8)
        #expect(try String(contentsOf: dockerfile, encoding: .utf8) == starter)
    }

    @Test func progressCountsAttemptsHintsAndCompletion() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try ProgressStore(path: dir.appendingPathComponent("gym.sqlite").path)
        try store.markStarted("layer-detective")
        #expect(try store.nextHint("layer-detective") == 1)
        #expect(try store.nextHint("layer-detective") == 2)
        let failing = CheckResult(id: "a", title: "a", passed: false, measured: "m", advice: "x")
        let passing = CheckResult(id: "b", title: "b", passed: true, measured: "m")
        try store.record("layer-detective", results: [failing, passing])
        var entry = try store.entry("layer-detective")
        #expect(entry.completedAt == nil && entry.attempts == 1 && entry.lastPassed == 1 && entry.lastTotal == 2)
        try store.record("layer-detective", results: [passing, passing])
        entry = try store.entry("layer-detective")
        #expect(entry.completedAt != nil && entry.attempts == 2 && entry.hintsShown == 2)
    }
}
