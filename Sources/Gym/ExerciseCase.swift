import Foundation
import Yams

/// A worked attempt kept with an exercise as data: a gaming attempt (`gaming/NAME/`) the checks must catch,
/// or a valid alternative to the reference solution (`alternatives/NAME/`) that must pass. Its files are laid
/// over the starter, like the solution's, or over the solution (`over: solution`); `case.yaml` says what it
/// is and, for gaming, which check catches it.
public struct ExerciseCase: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case gaming, alternative

        var folder: String { self == .gaming ? "gaming" : "alternatives" }
    }

    static let specFile = "case.yaml"

    public var kind: Kind
    /// The folder name (`echo-in-cmd`).
    public var name: String
    /// What the attempt does, in one line.
    public var title: String
    /// For gaming: the id of the check that must fail on it (`image-runs`).
    public var caughtBy: String?
    /// For gaming: a phrase of the failure that check must report (`reason:`): the attempt must fail for
    /// this reason, not another (a build error is never the reason unless it says so).
    public var reason: String?
    /// `over: solution`: its files go over the reference solution rather than the starter (an attempt that
    /// keeps the right Dockerfile and cheats elsewhere).
    public var overSolution: Bool
    public var directory: URL

    init(kind: Kind, directory: URL, exercise: String) throws(GymError) {
        self.kind = kind
        self.directory = directory
        name = directory.lastPathComponent
        let file = directory.appendingPathComponent(Self.specFile)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw .badExercise(slug: exercise, reason: "\(kind.folder)/\(name) has no \(Self.specFile)")
        }
        let map: Node.Mapping?
        do {
            map = try Yams.compose(yaml: text)?.mapping
        } catch {
            throw .badExercise(slug: exercise, reason: "\(kind.folder)/\(name)/\(Self.specFile): \(error)")
        }
        guard let title = map?["title"]?.string else {
            throw .badExercise(slug: exercise, reason: "\(kind.folder)/\(name)/\(Self.specFile): missing title")
        }
        self.title = title
        caughtBy = map?["caught-by"]?.string
        reason = map?["reason"]?.string
        switch map?["over"]?.string ?? "starter" {
        case "starter": overSolution = false
        case "solution": overSolution = true
        case let other:
            throw .badExercise(
                slug: exercise,
                reason: "\(kind.folder)/\(name)/\(Self.specFile): over is starter or solution, not \(other)")
        }
        if kind == .gaming && caughtBy == nil {
            throw .badExercise(slug: exercise, reason: "\(kind.folder)/\(name)/\(Self.specFile): missing caught-by")
        }
    }
}
