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

    @Option(help: "Output format: tty, json, or summary (errors and one total line with timing).")
    var format: OutputFormat = .tty

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
                    Output.err(Self.located(error, file: path))
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
                if format == .tty { Output.out(Self.render(dockerfile, file: name)) }
            } catch {
                failed = true
                reports.append(ParseReport(file: name, error: error))
                if format == .tty { Output.err(Self.located(error, file: name)) }
            }
        }
        if format == .json { Output.out(try Output.json(reports)) }
        if failed { throw ExitCode(2) }
    }

    /// `file:line:column: error: message`, the shape editors and CI annotate.
    static func located(_ error: DockerfileError, file: String) -> String {
        guard let location = error.location else { return "\(file): error: \(error.message)" }
        return "\(file):\(location.start.line):\(location.start.column): error: \(error.message)"
    }

    static func render(_ dockerfile: Dockerfile, file: String) -> String {
        let count = dockerfile.stages.reduce(0) { $0 + $1.instructions.count + 1 } + dockerfile.metaArgs.count
        var lines = [
            "\(file): \(dockerfile.stages.count) stage\(dockerfile.stages.count == 1 ? "" : "s"), "
                + "\(count) instruction\(count == 1 ? "" : "s"), escape \(dockerfile.escapeToken)"
        ]
        for directive in dockerfile.syntax.directives {
            lines.append("  # \(directive.name)=\(directive.value)")
        }
        for arg in dockerfile.metaArgs {
            lines.append("  \(position(arg.node.range))  ARG \(arg.node.arguments.joined(separator: " "))  (global)")
        }
        for stage in dockerfile.stages {
            var title = "stage \(stage.index)"
            if let name = stage.from.stageName { title += " \"\(name)\"" }
            title += " FROM \(stage.from.baseName)"
            if let platform = stage.from.platform { title += " --platform=\(platform)" }
            lines.append("\(title)  [lines \(stage.range.start.line)-\(stage.range.end.line)]")
            for instruction in stage.instructions {
                lines.append("  \(position(instruction.range))  \(summary(instruction))")
            }
        }
        for warning in dockerfile.syntax.warnings {
            lines.append("warning: line \(warning.range.start.line): \(warning.message)")
        }
        return lines.joined(separator: "\n")
    }

    static func position(_ range: SourceRange) -> String {
        let text = "\(range.start.line):\(range.start.column)"
        return text.padding(toLength: max(6, text.count), withPad: " ", startingAt: 0)
    }

    static func summary(_ instruction: Instruction) -> String {
        let node = instruction.node
        var text = instruction.keyword
        if !node.flags.isEmpty { text += " " + node.flags.joined(separator: " ") }
        let form = ParseReport.form(instruction)
        if form == "exec" {
            text += " [" + node.arguments.map(goQuote).joined(separator: ", ") + "]  (exec form)"
        } else if case .onbuild(let on) = instruction {
            text += " " + summary(on.trigger)
        } else {
            let args = node.arguments.filter { !$0.isEmpty && $0 != "=" }
            var body = args.joined(separator: " ")
            if body.count > 100 { body = String(body.prefix(97)) + "..." }
            text += " " + body
            if form == "shell" { text += "  (shell form)" }
        }
        if !node.heredocs.isEmpty {
            text +=
                "  heredoc "
                + node.heredocs.map {
                    "<<\($0.name) (\($0.content.split(separator: "\n", omittingEmptySubsequences: false).count - 1) lines)"
                }.joined(separator: ", ")
        }
        return text
    }
}
