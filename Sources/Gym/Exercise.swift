import Foundation
import Yams

/// One exercise of the course: its story, its starter files, hints, and the checks that grade it. An exercise
/// is data (`exercise.yaml`, `starter/`, and `solution/` holding only the files a reference solution changes);
/// the checks measure the learner's real Dockerfile, build and image.
public struct Exercise: Sendable {
    /// `layer-detective`, as typed in `gym start layer-detective`.
    public var slug: String
    public var title: String
    /// What it trains, in one line.
    public var focus: String
    /// The suggested time, in minutes.
    public var minutes: Int
    /// Where it sits in the course: homework, lab or challenge.
    public var kind: String
    /// Other names it answers to (the course's folder names, `lab-01-layer-optimization`).
    public var aliases: [String]
    /// Order in `gym list`.
    public var order: Int
    /// The situation and the task, shown by `gym start`.
    public var story: String
    /// The Dockerfile the checks build, relative to the workspace.
    public var dockerfile: String
    /// Progressive hints, shown one at a time by `gym hint`.
    public var hints: [String]
    /// What the exercise is worth when done (`points:`, default 100).
    public var points: Int
    /// What each hint seen costs (`hint-cost:`, default 10).
    public var hintCost: Int
    /// The checks, run in order by `gym check`.
    public var checks: [any ExerciseCheck]
    /// The exercise's directory (holding `starter/` and `solution/`).
    public var directory: URL

    public var starter: URL { directory.appendingPathComponent("starter") }
    /// The files the reference solution changes (or adds) over the starter.
    public var solution: URL { directory.appendingPathComponent("solution") }

    /// Writes the reference solution to `target` (a new directory): the starter with the solution's files
    /// over it.
    public func writeSolution(to target: URL) throws(GymError) {
        try writeStarter(overlaidWith: solution, to: target)
    }

    /// Writes a case to `target` (a new directory): the starter (or, with `over: solution`, the reference
    /// solution) with the case's files over it.
    public func write(_ attempt: ExerciseCase, to target: URL) throws(GymError) {
        if attempt.overSolution {
            try writeSolution(to: target)
            try overlay(attempt.directory, onto: target)
        } else {
            try writeStarter(overlaidWith: attempt.directory, to: target)
        }
    }

    /// The gaming attempts (`gaming/`) and valid alternatives (`alternatives/`) kept with the exercise.
    public func cases() throws(GymError) -> [ExerciseCase] {
        var found: [ExerciseCase] = []
        for kind in ExerciseCase.Kind.allCases {
            let folder = directory.appendingPathComponent(kind.folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where !name.hasPrefix(".") {
                found.append(
                    try ExerciseCase(kind: kind, directory: folder.appendingPathComponent(name), exercise: slug))
            }
        }
        return found
    }

    private func writeStarter(overlaidWith folder: URL, to target: URL) throws(GymError) {
        do {
            try FileManager.default.copyItem(at: starter, to: target)
        } catch {
            throw .io(path: target.path, reason: "cannot copy the starter: \(error.localizedDescription)")
        }
        try overlay(folder, onto: target)
    }

    /// Copies the files of `overlay` (but its case.yaml) over `target`, replacing what is there.
    private func overlay(_ overlay: URL, onto target: URL) throws(GymError) {
        let manager = FileManager.default
        do {
            let changed = manager.enumerator(atPath: overlay.path)?.allObjects as? [String] ?? []
            for relative in changed where relative != ExerciseCase.specFile {
                let source = overlay.appendingPathComponent(relative)
                var isDirectory: ObjCBool = false
                guard manager.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    continue
                }
                let destination = target.appendingPathComponent(relative)
                try manager.createDirectory(
                    at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
                if manager.fileExists(atPath: destination.path) { try manager.removeItem(at: destination) }
                try manager.copyItem(at: source, to: destination)
            }
        } catch {
            throw .io(path: target.path, reason: "cannot write the exercise's files: \(error.localizedDescription)")
        }
    }

    /// The points earned: nothing until every check passed once, then the exercise's points less the cost of
    /// each hint seen, never below zero.
    public func score(completed: Bool, hintsShown: Int) -> Int {
        completed ? max(0, points - hintsShown * hintCost) : 0
    }

    /// The reference solution's files (relative path, text), for `gym solution`.
    public func solutionFiles() throws(GymError) -> [(path: String, text: String)] {
        let manager = FileManager.default
        let paths = (manager.enumerator(atPath: solution.path)?.allObjects as? [String] ?? []).sorted()
        var files: [(path: String, text: String)] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            let url = solution.appendingPathComponent(path)
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                throw .io(path: url.path, reason: "cannot read the solution")
            }
            files.append((path, text))
        }
        return files
    }

    /// Whether any check builds or runs the image (and so needs a Docker engine).
    public var needsEngine: Bool { checks.contains { $0.needsEngine } }

    /// Reads `directory/exercise.yaml`.
    public init(directory: URL) throws(GymError) {
        let file = directory.appendingPathComponent("exercise.yaml")
        let slug = directory.lastPathComponent
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw .badExercise(slug: slug, reason: "cannot read \(file.path)")
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw .badExercise(slug: slug, reason: "exercise.yaml: \(error)")
        }
        guard let map = node?.mapping else { throw .badExercise(slug: slug, reason: "exercise.yaml is not a mapping") }
        func string(_ key: String) throws(GymError) -> String {
            guard let value = map[key]?.string else {
                throw .badExercise(slug: slug, reason: "exercise.yaml: missing \(key)")
            }
            return value
        }
        self.slug = try string("slug")
        guard self.slug == slug else {
            throw .badExercise(slug: slug, reason: "exercise.yaml names \(self.slug), its directory \(slug)")
        }
        title = try string("title")
        focus = try string("focus")
        minutes = map["minutes"]?.int ?? 0
        kind = map["kind"]?.string ?? "homework"
        aliases = map["aliases"]?.sequence?.compactMap(\.string) ?? []
        order = map["order"]?.int ?? 100
        story = try string("story")
        dockerfile = map["dockerfile"]?.string ?? "Dockerfile"
        hints = map["hints"]?.sequence?.compactMap(\.string) ?? []
        points = map["points"]?.int ?? 100
        hintCost = map["hint-cost"]?.int ?? 10
        var checks: [any ExerciseCheck] = []
        for (index, item) in (map["checks"]?.sequence ?? []).enumerated() {
            checks.append(try CheckSpec.decode(item, exercise: slug, index: index))
        }
        guard !checks.isEmpty else { throw .badExercise(slug: slug, reason: "exercise.yaml lists no checks") }
        self.checks = checks
        self.directory = directory
    }
}
