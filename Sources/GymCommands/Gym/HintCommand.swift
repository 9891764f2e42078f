import ArgumentParser
import Gym

/// `gym hint [SLUG]`: the next hint, one at a time; a hint already seen again, for free.
struct HintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hint",
        abstract: "Show the next hint for an exercise (each call reveals one more).",
        discussion: """
            Hints go from a nudge to the approach. A new hint costs the exercise's hint cost (10 points unless \
            the exercise says otherwise) from its score once it passes; `gym status` counts the hints you saw. \
            A hint you already saw costs nothing: `gym hint --again N` shows hint N again, and once every hint \
            was seen, `gym hint` shows the last one again.

            Examples:
              gym hint
              gym hint layer-detective
              gym hint layer-detective --again 1
            """)

    @Argument(help: "The exercise (default: the one whose folder you are in).")
    var slug: String?

    @Option(name: .customLong("again"), help: "Show hint N again, one you already saw (free).")
    var again: Int?

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let (exercise, _) = try options.exercise(slug, in: catalog)
        guard !exercise.hints.isEmpty else {
            Output.out("\(exercise.slug) has no hints.")
            return
        }
        let progress = try options.progress()
        let seen = try progress.hintsShown(exercise.slug)
        if let again {
            guard (1...max(1, seen)).contains(again), again <= seen else {
                throw ValidationError(
                    seen == 0
                        ? "no hint of \(exercise.slug) seen yet: `gym hint` shows the first"
                        : "--again takes a hint you saw: 1 to \(seen)")
            }
            Output.out("hint \(again) of \(exercise.hints.count) (seen before, free): \(exercise.hints[again - 1])")
            return
        }
        let shown = try progress.nextHint(exercise.slug, available: exercise.hints.count)
        let index = min(shown, exercise.hints.count) - 1
        if shown == seen {
            Output.out(
                "hint \(index + 1) of \(exercise.hints.count) (every hint seen; shown again, free): \(exercise.hints[index])"
            )
            return
        }
        let last = index == exercise.hints.count - 1 ? " (the last one)" : ""
        Output.out(
            "hint \(index + 1) of \(exercise.hints.count)\(last), -\(exercise.hintCost) points: \(exercise.hints[index])"
        )
    }
}
