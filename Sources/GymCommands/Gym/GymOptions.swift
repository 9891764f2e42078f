import ArgumentParser
import Foundation
import Gym
import Storage

/// Options every gym command shares: where the exercises' files live and where progress is kept.
struct GymOptions: ParsableArguments {
    @Option(help: "Directory holding one folder per started exercise (default: $GYM_WORKSPACE or ./gym-workspace).")
    var workspace: String?

    @Option(help: "Progress database (default: ~/.gym/gym.sqlite, or $GYM_HOME/gym.sqlite).")
    var db: String?

    var space: Workspace { Workspace(root: workspace) }

    func catalog() throws -> ExerciseCatalog {
        return try ExerciseCatalog.standard()
    }

    func progress() throws -> ProgressStore {
        return try ProgressStore(path: db ?? GymDatabase.defaultPath)
    }

    /// The exercise named, or the one whose folder the current directory is.
    func exercise(_ slug: String?, in catalog: ExerciseCatalog) throws -> (Exercise, URL) {
        let current = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL
        if let slug {
            let exercise = try catalog.exercise(slug)
            if current.lastPathComponent == slug, workspace == nil,
                FileManager.default.fileExists(atPath: current.appendingPathComponent(exercise.dockerfile).path)
            {
                return (exercise, current)
            }
            return (exercise, space.directory(for: exercise))
        }
        if let exercise = catalog.exercises.first(where: { $0.slug == current.lastPathComponent }) {
            return (exercise, current)
        }
        throw CommandFailure("which exercise? give its name (gym list shows them), or run this inside its folder")
    }
}
