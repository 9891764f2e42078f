import ArgumentParser
import Bench
import Foundation
import Lint

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

            Examples:
              gym fix examples/python-bad/Dockerfile
              gym fix examples/python-bad --write
              gym fix Dockerfile --check          (in CI: fail when a fix is pending)
              gym fix examples/python-bad --verify --write
              gym fix --list
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

    func run() throws {
        if list {
            Output.out(FixReporter.list(FixCatalog.all), terminator: "")
            return
        }
        let files = try DockerfileDiscovery.find([path ?? "."])
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
