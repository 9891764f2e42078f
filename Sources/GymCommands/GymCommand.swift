import ArgumentParser

/// The `gym` command: the root of every subcommand.
public struct GymCommand: AsyncParsableCommand {
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
                    ExploreCommand.self, CleanCommand.self,
                ]),
            CommandGroup(
                name: "The engine",
                subcommands: [
                    ParseCommand.self, LintCommand.self, FixCommand.self, ContextCommand.self, CacheCommand.self,
                    LayersCommand.self,
                    PullCommand.self, PushCommand.self, ScanCommand.self, SBOMCommand.self, DBCommand.self,
                    BenchCommand.self,
                    ReportCommand.self,
                    DoctorCommand.self,
                ]),
            CommandGroup(
                name: "The class",
                subcommands: [ServerCommand.self, LoginCommand.self, SubmitCommand.self, PagesCommand.self]),
        ]
    )

    public init() {}

    /// Runs the command line, after filling in the optional values argument-parser cannot express
    /// (`gym layers IMAGE --tree` with no layer means the final image).
    ///
    /// Exit codes, decided here and nowhere else: 0 success; 1 what the command found (findings at the
    /// threshold, a failing check, vulnerabilities with `--exit-code`); 2 the command could not do its job
    /// (bad input, a missing file or engine, any error a library throws), printed as `error: ...`; 64 a usage
    /// error (argument-parser's own).
    /// Commands that wait on the network or the class server are `AsyncParsableCommand`s and run on the
    /// concurrency runtime; the rest run as they are.
    public static func runCommandLine() async {
        let arguments = LayersCommand.fillingBareTree(Array(CommandLine.arguments.dropFirst()))
        var command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            // argument-parser's own: an exit code a command chose, a validation error, a clean exit (help)
            exit(withError: error)
        } catch let error as ValidationError {
            exit(withError: error)
        } catch let error as CleanExit {
            exit(withError: error)
        } catch let failure as CommandFailure {
            Output.err(failure.description)
            exit(withError: ExitCode(2))
        } catch  where exitCode(for: error) != .failure {
            // argument-parser's own internal errors, such as the help a `--help` parse returns as a command
            // whose run throws: it knows their exit code (0 for help, 64 for usage) and prints them itself
            exit(withError: error)
        } catch {
            Output.err("error: \(error)")
            exit(withError: ExitCode(2))
        }
    }
}
