import ArgumentParser
import Gym

/// `gym solution SLUG`: the reference solution, once the exercise has passed.
struct SolutionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solution",
        abstract: "Show the reference solution of an exercise you have passed.",
        discussion: """
            The reference solution is one way among many: every check measures the result, so yours may \
            differ and still pass. It is shown only after gym check passed the exercise once (gym status says \
            which); until then, gym hint helps. Exit 1 when the exercise has not passed yet.
            """)

    @Argument(help: "The exercise (default: the one whose folder you are in).")
    var slug: String?

    @OptionGroup var options: GymOptions

    func run() throws {
        let catalog = try options.catalog()
        let (exercise, _) = try options.exercise(slug, in: catalog)
        let files: [(path: String, text: String)]
        guard try options.progress().entry(exercise.slug).completedAt != nil else {
            Output.err(
                "\(exercise.slug) has not passed yet: the solution opens after `gym check \(exercise.slug)`"
                    + " passes once (`gym hint \(exercise.slug)` helps meanwhile)")
            throw ExitCode(1)
        }
        files = try exercise.solutionFiles()
        for file in files {
            Output.out("==> \(file.path) <==")
            Output.out(file.text)
        }
        Output.out("(the files the reference solution changes over the starter; yours may differ and pass)")
    }
}
