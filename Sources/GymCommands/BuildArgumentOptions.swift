import ArgumentParser
import Dockerfile
import Foundation

/// `--build-arg`, the same on every command that builds or predicts a build.
struct BuildArgumentOptions: ParsableArguments {
    @Option(
        name: .customLong("build-arg"),
        help: ArgumentHelp(
            "Build argument KEY=VALUE (or KEY: its value from the environment, as docker build). Repeatable.",
            valueName: "build-arg"))
    var values: [String] = []

    func validate() throws {
        do {
            _ = try arguments()
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// The arguments by name.
    func arguments() throws(DockerfileError) -> [String: String] {
        try BuildArguments.parse(values, environment: ProcessInfo.processInfo.environment)
    }
}
