import Foundation

/// Whether a tool that rewrites Dockerfiles would hand a learner an exercise's answer: a Dockerfile in the
/// folder of an exercise (the folder named by its slug, holding its Dockerfile) that the learner has not
/// passed yet. `gym fix` refuses there unless asked to reveal, and a reveal is recorded in the progress.
public enum ExerciseAnswerGuard {
    /// The exercise whose workspace holds `dockerfile`, nil when it is no exercise's.
    public static func exercise(holding dockerfile: String, catalog: ExerciseCatalog) -> Exercise? {
        let file = URL(fileURLWithPath: dockerfile).standardizedFileURL
        let folder = file.deletingLastPathComponent()
        guard let exercise = catalog.exercises.first(where: { $0.slug == folder.lastPathComponent }),
            file.lastPathComponent == exercise.dockerfile
        else { return nil }
        return exercise
    }

    /// Whether the learner passed `exercise` (every check at once, at least once).
    public static func passed(_ exercise: Exercise, progress: ProgressStore) throws(GymError) -> Bool {
        try progress.entry(exercise.slug).completedAt != nil
    }
}
