import Dockerfile

/// Everything a rule may read about one Dockerfile.
public struct LintContext: Sendable {
    public var file: String
    public var dockerfile: Dockerfile
    public var lines: [String]
    /// The build context, when linting a file on disk (nil for standard input).
    public var buildContext: BuildContextView?
    public var configuration: LintConfiguration

    /// Every RUN with the stage it is in and its shell commands (heredoc bodies included).
    public let runs: [RunStep]
    /// Every instruction of every stage with its stage, in file order, ONBUILD triggers excluded.
    public let instructions: [(stage: Stage, instruction: Instruction)]
    /// The shell commands of every RUN's script, parsed once for all the rules that read them.
    let parsedScripts: [String: [ShellCommand]]

    /// One RUN instruction, located.
    public struct RunStep: Sendable {
        public var stage: Stage
        public var run: RunInstruction
        public var commands: [ShellCommand]
        /// The shell text (joined form, or the `sh -c` argument of an exec form), plus heredoc bodies.
        public var script: String

        /// Whether a cache mount covers a path starting with any of `prefixes`.
        public func hasCacheMount(_ prefixes: String...) -> Bool {
            run.mounts.contains { mount in
                mount.type == .cache && prefixes.contains { prefix in (mount.target ?? "").hasPrefix(prefix) }
            }
        }
    }

    public init(
        file: String, source: String, dockerfile: Dockerfile, buildContext: BuildContextView? = nil,
        configuration: LintConfiguration = LintConfiguration()
    ) {
        self.file = file
        self.dockerfile = dockerfile
        self.lines = source.editorLines
        self.buildContext = buildContext
        self.configuration = configuration
        var runs: [RunStep] = []
        for stage in dockerfile.stages {
            for instruction in stage.instructions {
                var run: RunInstruction? = nil
                if case .run(let r) = instruction { run = r }
                if case .onbuild(let o) = instruction, case .run(let r) = o.trigger { run = r }
                guard let run else { continue }
                var script: String
                switch run.command {
                case .shell(let text): script = text
                case .exec(let words):
                    if words.count >= 3, ["sh", "bash", "/bin/sh", "/bin/bash"].contains(words[0]), words[1] == "-c" {
                        script = words[2]
                    } else {
                        script = words.map { $0.includes(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
                    }
                }
                for heredoc in run.heredocs { script += "\n" + heredoc.effectiveContent }
                runs.append(RunStep(stage: stage, run: run, commands: ShellScript.commands(script), script: script))
            }
        }
        self.runs = runs
        self.instructions = dockerfile.stages.flatMap { stage in stage.instructions.map { (stage, $0) } }
        var parsed: [String: [ShellCommand]] = [:]
        for run in runs { parsed[run.script] = run.commands }
        for step in runs where !step.run.heredocs.isEmpty {
            if case .shell(let text) = step.run.command, parsed[text] == nil {
                parsed[text] = ShellScript.commands(text)
            }
        }
        self.parsedScripts = parsed
    }

    /// The shell commands of `script`: parsed once per file when it is a RUN's (with or without its heredocs).
    public func commands(_ script: String) -> [ShellCommand] {
        parsedScripts[script] ?? ShellScript.commands(script)
    }

    /// The stage the image is made of (the last one).
    public var finalStage: Stage? { dockerfile.stages.last }

    /// Where `token` first appears within the instruction's lines; the instruction's start when absent.
    public func locate(_ token: String?, in node: SyntaxNode) -> SourceRange {
        if let token, !token.isEmpty {
            let first = max(1, node.range.start.line)
            let last = min(lines.count, node.range.end.line)
            if first <= last {
                for lineNumber in first...last {
                    let line = lines[lineNumber - 1]
                    if let found = line.utf8Range(of: token) {
                        let column = line.unicodeScalars[..<found.lowerBound].count + 1
                        return SourceRange(
                            start: SourcePosition(line: lineNumber, column: column),
                            end: SourcePosition(line: lineNumber, column: column + token.unicodeScalars.count - 1))
                    }
                }
            }
        }
        return SourceRange(
            start: node.range.start,
            end: SourcePosition(line: node.range.start.line, column: node.range.start.column + node.keyword.count - 1))
    }

    /// A finding of `rule` at `token` in `node`.
    public func finding(
        _ rule: RuleDescription, _ node: SyntaxNode, at token: String? = nil, message: String, fix: String
    ) -> Finding {
        Finding(
            file: file, rule: rule.id, severity: rule.severity, message: message, fix: fix,
            range: locate(token, in: node))
    }
}
