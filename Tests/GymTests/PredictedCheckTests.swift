import Foundation
import Testing

@testable import Gym

/// The checks that need no engine give the same verdict on starter and solution everywhere.
@Suite("Checks without an engine")
struct PredictedCheckTests {
    @Test func cachePredictionFailsTheStarterAndPassesTheSolution() throws {
        let exercise = try ExerciseCatalog.standard().exercise("layer-detective")
        let check = DependenciesCachedCheck(code: "app.py", manifest: "requirements.txt")
        let starter = check.run(CheckContext(exercise: exercise, workspace: exercise.starter))
        #expect(!starter.passed)
        #expect(
            starter.advice?.contains("line 4 installs from requirements.txt but reruns when app.py changes") == true)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-solution-\(UUID().uuidString)")
        try exercise.writeSolution(to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        let solution = check.run(CheckContext(exercise: exercise, workspace: dir))
        #expect(solution.passed, "\(solution)")
        #expect(solution.measured.contains("line 4 stays cached"))
    }

    @Test func aSyntaxErrorIsLocated() throws {
        let exercise = try ExerciseCatalog.standard().exercise("layer-detective")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-syntax-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: exercise.starter, to: dir)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "FROM python:3.11-slim\nCOPY\n".write(
            to: dir.appendingPathComponent("Dockerfile"), atomically: true, encoding: .utf8)
        let result = DockerfileParsesCheck().run(CheckContext(exercise: exercise, workspace: dir))
        #expect(!result.passed)
        #expect(result.measured.contains("2"), "\(result.measured)")
    }
}

@Suite("Evidence helpers")
struct EvidenceHelperTests {
    /// The digest the artefact checks compare: SHA-256 of the whole content, as sha256sum prints it.
    @Test(arguments: [
        (0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        (40_000_000, "c0e6623abfbed73c146be81338cff1e8e4c06dd05eb98721163dc79fbbd20562"),
    ])
    func digestOfZeros(count: Int, expected: String) {
        #expect(AppIntactCheck.digest([UInt8](repeating: 0, count: count)) == expected)
    }
}
