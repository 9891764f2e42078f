import Base
import Foundation

/// The exercises the gym ships, read from its resources (or from `GYM_EXERCISES`, a directory of exercise
/// directories, for authors trying a new one).
public struct ExerciseCatalog: Sendable {
    public var exercises: [Exercise]

    public init(directory: URL) throws(GymError) {
        let entries: [URL]
        do {
            entries = try FileManager.default.contentsOfDirectory(
                at: directory, includingPropertiesForKeys: nil)
        } catch {
            throw .io(path: directory.path, reason: "cannot list exercises: \(error.localizedDescription)")
        }
        var exercises: [Exercise] = []
        for entry in entries
        where FileManager.default.fileExists(atPath: entry.appendingPathComponent("exercise.yaml").path) {
            exercises.append(try Exercise(directory: entry))
        }
        self.exercises = exercises.sorted { ($0.order, $0.slug) < ($1.order, $1.slug) }
    }

    /// The shipped exercises.
    public static func standard() throws(GymError) -> ExerciseCatalog {
        if let override = ProcessInfo.processInfo.environment["GYM_EXERCISES"] {
            return try ExerciseCatalog(directory: URL(fileURLWithPath: override))
        }
        // installed (`make install`): PREFIX/bin/gym reads PREFIX/share/gym/Exercises
        guard let directory = SharedFiles.directory("Exercises", target: "Gym") else {
            throw .io(path: "gym resources", reason: "the exercise pack is missing beside the gym binary")
        }
        return try ExerciseCatalog(directory: directory)
    }

    public func exercise(_ slug: String) throws(GymError) -> Exercise {
        guard let found = exercises.first(where: { $0.slug == slug || $0.aliases.contains(slug) }) else {
            throw .unknownExercise(slug, known: exercises.map(\.slug))
        }
        return found
    }
}
