import ArgumentParser
import Bench
import Foundation
import Gym
import Lint
import Storage

/// `gym fix [PATH]`: the lint findings that have a safe rewrite, rewritten.
struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Rewrite a Dockerfile with the fixes the lint rules know; prints a unified diff, or writes it.",
        discussion: """
            Each fix edits the instructions the parser located, so comments, line continuations and the escape \
            character stay; a fix is kept only when the file still parses as BuildKit reads it and the findings it \
            targets are gone. A context without a .dockerignore gets the one gym context --suggest makes, less \
            any pattern that would keep out a file the Dockerfile copies; an existing one is never replaced. \
            Rewrites that need a person (a multi-stage split, a smaller base) are printed as suggestions with \
            what to do, never applied. gym fix --list names every fix and the rules it removes.

            Without --write the diff goes to standard output (apply it with patch -p0) and the file is untouched. \
            --write keeps the original as NAME.bak and replaces the file by a rename; a file that changed since \
            it was read is left alone. --verify builds the file as it is and as fixed on the engine (each in a \
            scratch copy of the context) and prints what changed, measured: image size, layers, wasted bytes, \
            the rebuild after editing a source file, and how the default command ends; a fixed file that does \
            not build, or whose image runs differently, is not written. Exit 0 (with --check: 0 when nothing \
            would change, 1 when something would), 1 when --verify rolled a file back, 2 when a file cannot be \
            read or parsed or the engine cannot build.

            In the folder of a gym exercise you have not passed yet, gym fix would print the exercise's answer: \
            it refuses there and says so (exit 2). --reveal shows the rewrite anyway and records in your \
            progress that the answer was revealed (gym status shows it, gym submit sends it).

            Examples:
              gym fix examples/python-bad/Dockerfile
              gym fix examples/python-bad --write
              gym fix Dockerfile --check          (in CI: fail when a fix is pending)
              gym fix examples/python-bad --verify --write
              gym fix --list
              gym fix gym-workspace/layer-detective --reveal
            """)

    @Argument(help: "A Dockerfile, or a directory holding one (default: .).")
    var path: String?

    @Flag(help: "Write the fixed file (the original kept as NAME.bak).")
    var write = false

    @Flag(help: "Exit 1 when a fix would change the file.")
    var check = false

    @Flag(help: "List the fixes.")
    var list = false

    @Flag(
        help:
            "Build before and after on the engine and compare size, layers, waste, the rebuild after a code change and the default command; a fix that breaks the build or changes how the image runs is rolled back."
    )
    var verify = false

    @Option(help: "Output: tty (a diff) or json.")
    var format: OutputFormat = .tty

    @Flag(help: "In an exercise you have not passed: show the answer anyway, and record that it was revealed.")
    var reveal = false

    @Option(
        help: "Progress database, where a reveal is recorded (default: ~/.gym/gym.sqlite, or $GYM_HOME/gym.sqlite).")
    var db: String?

    func run() throws {
        if list {
            Output.out(FixReporter.list(FixCatalog.all), terminator: "")
            return
        }
        let files = try DockerfileDiscovery.find([path ?? "."])
        let catalog = try ExerciseCatalog.standard()
        for file in files {
            guard let exercise = ExerciseAnswerGuard.exercise(holding: file, catalog: catalog) else { continue }
            // the progress is opened only for an exercise's folder: gym fix elsewhere writes no database
            let progress = try ProgressStore(path: db ?? GymDatabase.defaultPath)
            if try ExerciseAnswerGuard.passed(exercise, progress: progress) { continue }
            guard reveal else {
                throw CommandFailure(
                    "\(file) is the \(exercise.slug) exercise, not passed yet: gym fix would print its answer",
                    detail:
                        "Work it out (gym hint \(exercise.slug) helps), or run gym fix --reveal to see the rewrite; a reveal is recorded in your progress."
                )
            }
            try progress.markRevealed(exercise.slug)
        }
        var pending = false
        var rolledBack = false
        for file in files {
            let quiet = format == .json
            let run = try ProjectFixer.run(file: file, verify: verify, write: write) { message in
                if !quiet { Output.err("  ... \(message)") }
            }
            rolledBack = rolledBack || !run.kept
            pending = pending || run.outcome.changed
            if let verification = run.verification, format != .json {
                Output.err(String(FixVerificationReporter.text(verification).dropLast()))
            }
            if format == .json && verify {
                Output.out(
                    try FixVerificationReporter.json(run.outcome, verification: run.verification), terminator: "")
            } else if format == .json {
                Output.out(try FixReporter.json(run.outcome), terminator: "")
            } else {
                Output.out(FixReporter.diff(run.outcome), terminator: "")
                Output.err(String(FixReporter.summary(run.outcome, written: run.written).dropLast()))
            }
        }
        if rolledBack || (check && pending && !write) { throw ExitCode(1) }
    }
}
