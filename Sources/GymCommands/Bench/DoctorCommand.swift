import ArgumentParser
import Bench

/// `gym doctor`: is there a builder, which one, and are the exercises' base images here.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the builder, BuildKit, the image store and the base images the exercises use.",
        discussion:
            "Exit status 0 when a Docker engine with BuildKit answers, 1 otherwise; each missing piece says what to do."
    )

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    func run() throws {
        let checks = EngineDoctor.checks()
        Output.out(try format == .json ? DoctorReporter.json(checks) : DoctorReporter.text(checks))
        if !EngineDoctor.engineAnswered(checks) { throw ExitCode(1) }
    }
}
