import ArgumentParser
import Foundation
import Gym
import Server

/// `gym submit SLUG`: check locally, then hand the workspace's files to the class server.
struct SubmitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Submit an exercise to your class: checked here, then measured again by the server.",
        discussion: """
            Runs gym check, then posts your workspace's files (not .git, at most 2 MiB) with what the check said. \
            The server builds those files on its own engine and runs the checks on its build: only its verdict \
            counts, and no image made elsewhere is ever measured. --wait waits for it. Exit 0 when accepted (with --wait: when the server passed it), \
            1 when the server's verdict is a failure, 2 when the submission could not be made.

            Examples:
              gym submit image-size-challenge --wait
              cd gym-workspace/layer-detective && gym submit
            """)

    @Argument(help: "The exercise (default: the one whose folder you are in).")
    var slug: String?

    @Flag(help: "Wait for the server's verdict.")
    var wait = false

    @OptionGroup var options: GymOptions

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() async throws {
        let login = try ClassLogin.load()
        let catalog = try options.catalog()
        let (exercise, directory) = try options.exercise(slug, in: catalog)
        guard FileManager.default.fileExists(atPath: directory.path) else {
            throw CommandFailure("\(GymError.notStarted(exercise.slug))")
        }
        let hints = try? options.progress().entry(exercise.slug).hintsShown
        let quiet = format != .tty
        let outcome = try await ClassSubmission.submit(
            exercise, workspace: directory, login: login, hints: hints
        ) { message in
            if !quiet { Output.err("  ... \(message)") }
        }
        do {
            try options.progress().record(exercise.slug, results: outcome.localResults)  // `gym status` counts it
        } catch let error as GymError {
            Output.err("warning: \(error)")
        }
        var verdict: Submission?
        if wait {
            if !quiet { Output.err("  ... waiting for the server's verdict") }
            let id = outcome.accepted.id
            verdict = try await ClassClient(login).waitForVerdict(id)
        }
        Output.out(
            format == .json
                ? try ClassReporter.json(SubmitReport(outcome: outcome, verdict: verdict))
                : ClassReporter.text(outcome, verdict: verdict), terminator: "")
        if let verdict, verdict.status != .passed { throw ExitCode(1) }
    }
}
