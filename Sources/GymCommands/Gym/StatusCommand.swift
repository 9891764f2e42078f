import ArgumentParser
import Gym

/// `gym status`: progress through the course.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract:
            "Show your progress: exercises done, in progress, attempts, hints used, your score and the discovery questions.",
        discussion: "An exercise earns its points once every check passed; each hint you saw costs some of them.")

    @OptionGroup var options: GymOptions

    static func state(_ entry: ProgressStore.Entry?, started: Bool) -> String {
        if entry?.completedAt != nil { return "done" }
        if let passed = entry?.lastPassed, let total = entry?.lastTotal { return "\(passed)/\(total) checks" }
        return started || entry?.startedAt != nil ? "started" : "not started"
    }

    func run() throws {
        let catalog = try options.catalog()
        let progress = try options.progress()
        var done = 0
        var earned = 0
        var possible = 0
        Output.out("exercise                  status        attempts  hints  score")
        for exercise in catalog.exercises {
            let entry = try? progress.entry(exercise.slug)
            if entry?.completedAt != nil { done += 1 }
            let score = exercise.score(completed: entry?.completedAt != nil, hintsShown: entry?.hintsShown ?? 0)
            earned += score
            possible += exercise.points
            Output.out(
                exercise.slug.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + Self.state(entry, started: options.space.isStarted(exercise))
                    .padding(toLength: 14, withPad: " ", startingAt: 0)
                    + "\(entry?.attempts ?? 0)".padding(toLength: 10, withPad: " ", startingAt: 0)
                    + "\(entry?.hintsShown ?? 0)/\(exercise.hints.count)".padding(
                        toLength: 7, withPad: " ", startingAt: 0)
                    + "\(score)/\(exercise.points)"
                    + (entry?.revealedAt != nil ? "  (answer revealed by gym fix)" : ""))
        }
        Output.out("")
        Output.out("\(done) of \(catalog.exercises.count) exercises done; score \(earned) of \(possible).")
        let answers = try progress.discoveryAnswers()
        let (questions, shown) = ChoiceOrder(seed: try progress.choiceSeed()).presented(
            DiscoveryCatalog.questions, answers: answers)
        Output.out("")
        Output.out(DiscoveryReporter.list(questions, answers: shown), terminator: "")
        let measured = answers.values.filter { $0.measured != nil }
        Output.out(
            "\(measured.count) of \(DiscoveryCatalog.questions.count) discovery questions explored; "
                + "\(measured.filter { $0.correct == true }.count) predicted right.")
    }
}
