import ArgumentParser

/// The `gym` command: the root of every subcommand.
public struct GymCommand: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "gym",
        abstract: "ContainerGym: learn, measure and check how container images are built.",
        discussion: """
            The engine reads real Dockerfiles, contexts, builds and images the way BuildKit and the engine do. \
            Try: gym list, then gym start layer-detective; or gym lint examples/python-bad/Dockerfile
            """,
        version: "gym \(version)",
        groupedSubcommands: [
            CommandGroup(
                name: "The gym",
                subcommands: [
                    ListCommand.self, StartCommand.self, CheckCommand.self, HintCommand.self, ResetCommand.self,
                    StatusCommand.self, WatchCommand.self, SolutionCommand.self, ValidateCommand.self,
                    CleanCommand.self,
                ]),
            CommandGroup(
                name: "The engine",
                subcommands: [
                    ParseCommand.self, LintCommand.self, ContextCommand.self, CacheCommand.self, LayersCommand.self,
                    ScanCommand.self, SBOMCommand.self, BenchCommand.self, ReportCommand.self, DoctorCommand.self,
                ]),
        ]
    )

    public init() {}

    /// Runs the command line, after filling in the optional values argument-parser cannot express
    /// (`gym layers IMAGE --tree` with no layer means the final image).
    public static func runCommandLine() {
        main(LayersCommand.fillingBareTree(Array(CommandLine.arguments.dropFirst())))
    }
}
