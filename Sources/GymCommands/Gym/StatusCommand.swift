import ArgumentParser
import Gym

/// `gym status`: progress through the course.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Show your progress: exercises done, in progress, attempts, hints used, your score and the discovery questions.",
        discussion: """
            An exercise earns its points once every check passed; each hint you saw costs some of them. \
            --format json gives the exercises and the discovery answers (as your choices are lettered).

            Examples:
              gym status
              gym status --format json
            """)

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @OptionGroup var options: GymOptions

    func run() throws {
        let progress = try options.progress()
        let statuses = ExerciseStatus.collect(try options.catalog(), progress: progress, workspace: options.space)
        let answers = try progress.discoveryAnswers()
        let (questions, shown) = ChoiceOrder(seed: try progress.choiceSeed()).presented(
            DiscoveryCatalog.questions, answers: answers)
        if format == .json {
            Output.out(
                try ProgressReporter.json(statuses, discovery: shown.values.sorted { $0.question < $1.question }),
                terminator: "")
            return
        }
        Output.out(ProgressReporter.status(statuses), terminator: "")
        Output.out("")
        Output.out(DiscoveryReporter.list(questions, answers: shown), terminator: "")
        let measured = answers.values.filter { $0.measured != nil }
        Output.out(
            "\(measured.count) of \(DiscoveryCatalog.questions.count) discovery questions explored; "
                + "\(measured.filter { $0.correct == true }.count) predicted right.")
    }
}
