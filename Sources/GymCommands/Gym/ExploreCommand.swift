import ArgumentParser
import Foundation
import Gym

/// `gym explore [N]`: the week's discovery questions as experiments.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Answer the week's discovery questions with experiments: predict, measure, compare.",
        discussion: """
            gym explore lists the seven questions with your answers. gym explore N writes question N's \
            experiment into the workspace (explore/N-topic; files already there are kept), asks for your \
            prediction (or takes --predict), records it, then runs the experiment on the engine in a scratch \
            copy and shows what it measured against what you predicted. Predictions and measurements are kept \
            in the progress database and shown by gym status. Where something cannot be built offline (an \
            Alpine base), the answer says so.

            Examples:
              gym explore
              gym explore 1
              gym explore 3 --predict b
              gym explore 6 --predict b --format json
            """)

    @Argument(help: "The question's number, 1 to 7 (default: list them).")
    var question: Int?

    @Option(help: "Your prediction: the letter of a choice (asked on the terminal when omitted).")
    var predict: String?

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @OptionGroup var options: GymOptions

    func run() throws {
        let progress = try options.progress()
        guard let number = question else {
            let answers = try progress.discoveryAnswers()
            Output.out(
                format == .json
                    ? try DiscoveryReporter.json(DiscoveryCatalog.questions, answers: answers)
                    : DiscoveryReporter.list(DiscoveryCatalog.questions, answers: answers),
                terminator: "")
            return
        }
        let question = try DiscoveryCatalog.question(number)
        var prediction = predict
        if prediction == nil {
            guard isatty(STDIN_FILENO) == 1 else {
                throw ValidationError(
                    "no terminal to ask on: pass --predict with one of \(question.choices.map(\.key).joined(separator: ", "))"
                )
            }
            Output.out(DiscoveryReporter.prompt(question), terminator: "")
            Output.out("your prediction: ", terminator: "")
            prediction = readLine() ?? ""
        }
        let quiet = format == .json
        let outcome = try Explorer.explore(
            question, prediction: prediction ?? "", workspace: options.space, store: progress
        ) { message in
            if !quiet { Output.err("  ... \(message)") }
        }
        Output.out(
            format == .json ? try DiscoveryReporter.json(outcome) : DiscoveryReporter.text(outcome, question: question),
            terminator: "")
    }
}
