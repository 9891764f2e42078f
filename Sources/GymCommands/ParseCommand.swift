import ArgumentParser
import Dockerfile
import Foundation

/// `gym parse`: shows how BuildKit reads a Dockerfile, or where and why it would refuse it.
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Show the stages and typed instructions of Dockerfiles, as BuildKit reads them.",
        discussion: """
            Reads each FILE (or - for standard input) with a parser faithful to BuildKit's frontend:
            parser directives, continuations, heredocs, exec and shell forms, every flag of every \
            instruction. Prints each stage and its instructions with their line:column spans.

            Exit status: 0 when every file parses, 2 when one does not (the error names file, \
            line and column, and says why).

            Examples:
              gym parse Dockerfile
              gym parse --format json services/*/Dockerfile
              cat Dockerfile | gym parse -
            """
    )

    @Argument(help: "Dockerfiles to read; - reads standard input.")
    var files: [String]

    /// `gym parse`'s formats: the shared two, and a summary for whole corpora.
    enum Format: String, CaseIterable, ExpressibleByArgument {
        case tty, json, summary
    }

    @Option(help: "Output format: tty, json, or summary (errors and one total line with timing).")
    var format: Format = .tty

    func run() throws {
        var failed = false
        var reports: [ParseReport] = []
        let clock = ContinuousClock()
        let started = clock.now
        if format == .summary {
            var rejected = 0
            for path in files {
                do {
                    _ = try Dockerfile.parse(contentsOfFile: path)
                } catch {
                    rejected += 1
                    Output.err(ParseReporter.located(error, file: path))
                }
            }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            let rate = seconds > 0 ? Int(Double(files.count) / seconds) : 0
            Output.out(
                "\(files.count) files: \(files.count - rejected) parsed, \(rejected) rejected, "
                    + "in \(String(format: "%.3f", seconds)) s (\(rate) files/s)")
            if rejected > 0 { throw ExitCode(2) }
            return
        }
        for path in files {
            let name = path == "-" ? "<stdin>" : path
            do {
                let dockerfile = try Dockerfile.parse(contentsOfFile: path)
                reports.append(ParseReport(file: name, dockerfile: dockerfile))
                if format == .tty { Output.out(ParseReporter.text(dockerfile, file: name)) }
            } catch {
                failed = true
                reports.append(ParseReport(file: name, error: error))
                if format == .tty { Output.err(ParseReporter.located(error, file: name)) }
            }
        }
        if format == .json { Output.out(try ParseReporter.json(reports)) }
        if failed { throw ExitCode(2) }
    }
}
