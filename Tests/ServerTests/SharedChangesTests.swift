import Foundation
import Gym
import Testing

@testable import Server

/// Which submissions made the same changes to the starter: the digest, and the class's copies found by it.
struct SharedChangesTests {
    static let starter: [String: Data] = [
        "Dockerfile": Data("FROM python:3.11\nCOPY . .\nRUN pip install -r requirements.txt\n".utf8),
        "app.py": Data("print('hi')\n".utf8),
    ]

    static func changed(_ dockerfile: String, app: String? = "print('hi')\n") -> [String: Data] {
        var files = ["Dockerfile": Data(dockerfile.utf8)]
        if let app { files["app.py"] = Data(app.utf8) }
        return files
    }

    static let slim = "FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n"

    @Test(arguments: [
        // the same changes, written differently: equal digests
        (
            slim,
            "# my version\nFROM   python:3.11-slim\n\nCOPY requirements.txt .\nRUN pip install \\\n -r requirements.txt\nCOPY . .\n",
            true
        ),
        (
            slim, "FROM python:3.11-slim\n\tCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n\n",
            true
        ),
        // other changes: other digests
        (slim, "FROM python:3.11-slim\nCOPY . .\nRUN pip install -r requirements.txt\n", false),
        (
            slim, "FROM debian:bookworm-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\n",
            false
        ),
    ])
    func digestsIgnoreWhitespaceAndComments(first: String, second: String, same: Bool) {
        let one = ChangeFingerprint.of(Self.changed(first), over: Self.starter)
        let two = ChangeFingerprint.of(Self.changed(second), over: Self.starter)
        #expect(one != nil && two != nil)
        #expect((one == two) == same, "\(second)")
    }

    @Test func theStarterChangesNothingAndALeftOutFileIsAChange() {
        #expect(ChangeFingerprint.of(Self.starter, over: Self.starter) == nil)
        let reformatted = Self.changed("FROM python:3.11\n# a comment\nCOPY  . .\nRUN pip install -r requirements.txt")
        #expect(ChangeFingerprint.of(reformatted, over: Self.starter) == nil)
        let withoutApp = Self.changed("FROM python:3.11\nCOPY . .\nRUN pip install -r requirements.txt\n", app: nil)
        #expect(ChangeFingerprint.of(withoutApp, over: Self.starter) != nil)
        // binary content is compared byte for byte
        var binary = Self.starter
        binary["data.bin"] = Data([0xff, 0xfe, 0x00])
        var other = Self.starter
        other["data.bin"] = Data([0xff, 0xfe, 0x01])
        #expect(ChangeFingerprint.of(binary, over: Self.starter) != ChangeFingerprint.of(other, over: Self.starter))
    }

    @Test func everyExercisesReferenceSolutionChangesItsStarter() throws {
        let exercises = try ExerciseCatalog.standard().exercises
        let baselines = ExerciseBaselines(exercises)
        #expect(baselines.bySlug.count == exercises.count)
        for exercise in exercises {
            let baseline = try #require(baselines.bySlug[exercise.slug])
            #expect(!baseline.starter.isEmpty, "\(exercise.slug)")
            #expect(baseline.reference != nil, "\(exercise.slug): the solution changes nothing")
        }
    }
}
