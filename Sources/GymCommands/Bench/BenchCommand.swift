import ArgumentParser
import Bench
import Engine
import Foundation
import Storage

/// `gym bench`: real builds, cold, warm, after a code change and after a dependency change.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure real builds: cold, warm, after a code change, after a dependency change.",
        discussion: """
            Builds on a scratch copy of the context (your files are never touched) with the Docker engine's \
            BuildKit, and reports per scenario the wall time (median of --runs), how many steps were cached \
            and executed, the cache hit ratio and the slowest steps. Every build is stored in the history \
            database for gym report.

            Scenarios: cold (--no-cache), warm (nothing changed), code (a source file edited: --touch FILE, \
            or one picked that is not a dependency manifest), deps (the manifest edited: requirements.txt, \
            package.json, go.mod, Cargo.toml, ...).

            Builds use --network=none unless --network host is given (needed when a step installs packages).

            Examples:
              gym bench examples/python-good --network host
              gym bench . -f Dockerfile.bad --vs Dockerfile.good --network host     Lab 1 before/after
              gym bench --format json --runs 3 . > bench.json
            """
    )

    @Argument(help: "Build context directory.")
    var context: String = "."

    @Option(name: .shortAndLong, help: "Dockerfile (default: DIR/Dockerfile).")
    var file: String?

    @Option(help: "Another Dockerfile to run side by side (same context), with ratios.")
    var vs: String?

    @Option(help: "Scenarios to run, comma-separated: cold,warm,code,deps.")
    var scenario: String = "cold,warm,code,deps"

    @Option(help: "Runs per scenario; the median is reported.")
    var runs: Int = 1

    @Option(help: "File the code scenario edits, relative to the context.")
    var touch: String?

    @Option(help: "Network for RUN steps: none or host.")
    var network: String = "none"

    @OptionGroup var buildArguments: BuildArgumentOptions

    @Option(help: "Stage to build.")
    var target: String?

    @Option(help: "Output: tty or json.")
    var format: OutputFormat = .tty

    @Option(help: "History database (default ~/.gym/gym.sqlite).")
    var db: String?

    @Flag(help: "Do not record the builds in the history database.")
    var noHistory = false

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
        guard ["none", "host"].contains(network) else {
            throw ValidationError("--network must be none or host (bridge networks are not used here)")
        }
        for name in scenario.split(separator: ",") where Scenario(rawValue: String(name)) == nil {
            throw ValidationError("unknown scenario \(name): use cold, warm, code, deps")
        }
    }

    func run() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: context, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandFailure("\(context) is not a directory")
        }
        let dockerfiles = [file ?? (context as NSString).appendingPathComponent("Dockerfile")] + (vs.map { [$0] } ?? [])
        for path in dockerfiles where !FileManager.default.fileExists(atPath: path) {
            throw CommandFailure("\(path): no such Dockerfile")
        }
        let builder = DockerBuilder()
        let version: String
        do {
            version = try builder.version()
        } catch {
            throw CommandFailure(
                "\(error)",
                detail: "Start an engine (for example ../shared/scripts/docker-engine.sh), then run gym doctor.")
        }
        let history: BenchHistory?
        history = noHistory ? nil : try BenchHistory(path: db ?? GymDatabase.defaultPath)
        let runID = try? history?.startRun(label: dockerfiles.joined(separator: " vs "))
        let buildArgs = try buildArguments.arguments()
        let scenarios = scenario.split(separator: ",").compactMap { Scenario(rawValue: String($0)) }
        let live = isatty(STDERR_FILENO) == 1 && format == .tty

        var all: [[ScenarioResult]] = []
        for dockerfile in dockerfiles {
            let ctx = context
            let runner = BenchRunner(builder: builder) { scenario, result, changed in
                _ = try? history?.record(
                    result, builder: "docker \(version)", dockerfile: dockerfile, context: ctx, scenario: scenario,
                    changedFile: changed, benchRun: runID)
            }
            let options = BenchOptions(
                context: context, dockerfile: dockerfile, scenarios: scenarios, runs: runs, network: network,
                buildArgs: buildArgs, target: target, touch: touch)
            do {
                all.append(
                    try runner.run(options) { event in
                        guard format == .tty else { return }
                        if let line = BenchReporter.progress(event, dockerfile: dockerfile, stepByStep: live) {
                            Output.err(line)
                        }
                    })
            } catch {
                var detail: String?
                if let failure = error.buildFailure { detail = String(failure.log.suffix(3000)) }
                throw CommandFailure("\(error)", detail: detail)
            }
        }
        Output.out(
            try format == .json
                ? BenchReporter.json(all.flatMap { $0 })
                : BenchReporter.text(all, builder: "docker \(version) (BuildKit)"))
    }
}
