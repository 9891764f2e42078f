import ArgumentParser
import Dockerfile
import Foundation
import Lint

/// `gym lint`: a Dockerfile linter whose rules teach the course.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check Dockerfiles against rules that teach caching, size, security and correctness.",
        discussion: """
            PATH is a Dockerfile, a directory (searched recursively for Dockerfile, Containerfile, \
            *.Dockerfile and Dockerfile.*), or - for standard input. The build context (for the \
            .dockerignore rules) is the Dockerfile's directory unless --context says otherwise.

            Suppress a finding with a comment above the instruction: # gym ignore=RULE[,RULE] \
            or for the whole file: # gym global ignore=RULE. hadolint's pragmas, .hadolint.yaml and \
            BuildKit's # check=skip=... are honoured too, mapped through each rule's peer ids.

            Exit status: 0 no finding at or above the threshold, 1 findings at or above it, \
            2 a usage, configuration or parse error (other files are still linted).

            Examples:
              gym lint                                  lint ./Dockerfile and friends
              gym lint --format sarif . > gym.sarif     for GitHub code scanning
              gym lint --explain dependencies-after-source
              gym lint --list-rules
            """
    )

    @Argument(help: "Dockerfiles or directories to lint; - reads standard input.")
    var paths: [String] = []

    @Option(help: "Output: tty, json, sarif, checkstyle, gitlab, github (annotations); markdown with --list-rules.")
    var format: LintReportFormat = .tty

    @Option(help: "Lowest severity that makes the exit status 1: error, warning, info, style or none.")
    var failureThreshold: FailureThreshold?

    @Option(help: "Ignore a rule (our id, a hadolint id or a BuildKit check name). Repeatable.")
    var ignore: [String] = []

    @Option(help: "Configuration file (YAML). Default: .gym.yaml, else .hadolint.yaml, in the current directory.")
    var config: String?

    @Option(help: "Build context directory for the .dockerignore rules (default: each Dockerfile's directory).")
    var context: String?

    @Option(help: "Explain a rule: why it matters, with examples.")
    var explain: String?

    @Flag(help: "List every rule.")
    var listRules = false

    @Flag(help: "Never colour the output (NO_COLOR is honoured too).")
    var noColor = false

    func run() throws {
        if let explain {
            guard let rule = RuleCatalog.rule(named: explain) else {
                throw CommandFailure("\(LintError.unknownRule(explain))")
            }
            Output.out(RuleDocumentation.explanation(rule.description))
            return
        }
        if listRules {
            try printRules()
            return
        }
        let configuration = try LintConfiguration.discover(explicit: config)
        for name in ignore where RuleCatalog.rule(named: name) == nil {
            throw CommandFailure("\(LintError.unknownRule(name))")
        }
        let linter = Linter(configuration: configuration, ignored: Set(ignore))
        let run = linter.lint(files: try DockerfileDiscovery.find(paths.isEmpty ? ["."] : paths), context: context)
        for message in run.unreadable { Output.err(message) }
        let inputs = run.inputs
        let color =
            format == .tty && !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            && isatty(STDOUT_FILENO) == 1
        let text = try LintReporter.render(inputs, format: format, color: color, toolVersion: GymCommand.version)
        if !text.isEmpty { Output.out(text) }

        if !run.unreadable.isEmpty || inputs.contains(where: { $0.result.parseError != nil }) { throw ExitCode(2) }
        let threshold =
            failureThreshold
            ?? (configuration.neverFail
                ? .none : configuration.failureThreshold.map { FailureThreshold(rawValue: $0.rawValue)! } ?? .warning)
        guard threshold != .none, let minimum = Severity(rawValue: threshold.rawValue) else { return }
        if inputs.contains(where: { $0.result.findings.contains { $0.severity >= minimum } }) { throw ExitCode(1) }
    }

    func printRules() throws {
        switch format {
        case .markdown: Output.out(RuleDocumentation.markdown(), terminator: "")
        case .json: Output.out(try RuleListReporter.json())
        default: Output.out(RuleListReporter.text())
        }
    }
}
