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

            The choices come in an order of your own (kept in your progress, so they stay put for you; a \
            classmate's letters differ). Say why in your own words with --explain TEXT (or when asked on \
            the terminal, after the prediction; at most 2000 characters): it is kept beside the prediction \
            and the measurement, and gym status shows it. Without a terminal and without --predict, \
            gym explore N --format json shows the question and your choices and runs nothing.

            Examples:
              gym explore
              gym explore 1
              gym explore 3 --predict b --explain "the runtime stage copies only the binary"
              gym explore 6 --format json
              gym explore 6 --predict b --format json
            """)

    @Argument(help: "The question's number, 1 to 7 (default: list them).")
    var question: Int?

    @Option(help: "Your prediction: the letter of a choice (asked on the terminal when omitted).")
    var predict: String?

    @Option(help: "Why, in your own words (kept with the prediction; at most 2000 characters).")
    var explain: String?

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @OptionGroup var options: GymOptions

    func run() throws {
        let progress = try options.progress()
        let order = ChoiceOrder(seed: try progress.choiceSeed())
        guard let number = question else {
            let (presented, answers) = order.presented(
                DiscoveryCatalog.questions, answers: try progress.discoveryAnswers())
            Output.out(
                format == .json
                    ? try DiscoveryReporter.json(presented, answers: answers)
                    : DiscoveryReporter.list(presented, answers: answers),
                terminator: "")
            return
        }
        let question = try DiscoveryCatalog.question(number)
        let presented = order.presented(question)
        var prediction = predict
        var ownWords = explain
        if prediction == nil {
            guard isatty(STDIN_FILENO) == 1 else {
                if format == .json {
                    // no terminal to ask on: the question and this learner's choices, nothing run
                    Output.out(try DiscoveryReporter.json(asking: presented), terminator: "")
                    return
                }
                throw ValidationError(
                    "no terminal to ask on: pass --predict with one of \(presented.choices.map(\.key).joined(separator: ", ")) (or --format json to see the choices)"
                )
            }
            Output.out(DiscoveryReporter.prompt(presented), terminator: "")
            Output.out("your prediction: ", terminator: "")
            prediction = readLine() ?? ""
            if ownWords == nil {
                Output.out("why, in your own words (enter to skip): ", terminator: "")
                ownWords = readLine()
            }
        }
        let quiet = format == .json
        let outcome = try Explorer.explore(
            question, prediction: prediction ?? "", ownWords: ownWords, order: order, workspace: options.space,
            store: progress
        ) { message in
            if !quiet { Output.err("  ... \(message)") }
        }
        Output.out(
            format == .json
                ? try DiscoveryReporter.json(outcome) : DiscoveryReporter.text(outcome, question: presented),
            terminator: "")
    }
}
