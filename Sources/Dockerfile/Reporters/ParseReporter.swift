import Rendering

/// `gym parse`'s views of what the parser understood: a terminal listing, JSON, and errors located the way
/// editors and CI read them.
public enum ParseReporter {
    /// One report per file, as JSON.
    public static func json(_ reports: [ParseReport]) throws(RenderingError) -> String {
        try JSONText.encode(reports)
    }

    /// `file:line:column: error: message`, the shape editors and CI annotate.
    public static func located(_ error: DockerfileError, file: String) -> String {
        guard let location = error.location else { return "\(file): error: \(error.message)" }
        return "\(file):\(location.start.line):\(location.start.column): error: \(error.message)"
    }

    /// The stages and instructions with their line:column spans, for a terminal.
    public static func text(_ dockerfile: Dockerfile, file: String) -> String {
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
