import ArgumentParser
import Gym

/// `gym hint [SLUG]`: the next hint, one at a time.
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Show the next hint for an exercise (each call reveals one more).",
        discussion: "Hints go from a nudge to the approach; the hints you saw are counted in gym status.")

    @Argument(help: "The exercise (default: the one whose folder you are in).")
    var slug: String?

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let (exercise, _) = try options.exercise(slug, in: catalog)
        guard !exercise.hints.isEmpty else {
            Output.out("\(exercise.slug) has no hints.")
            return
        }
        let shown: Int
        shown = try options.progress().nextHint(exercise.slug)
        let index = min(shown, exercise.hints.count) - 1
        let last = index == exercise.hints.count - 1 ? " (the last one)" : ""
        Output.out("hint \(index + 1) of \(exercise.hints.count)\(last): \(exercise.hints[index])")
    }
}
