import ArgumentParser
import Bench
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

    @Option(help: "Build argument KEY=VALUE. Repeatable.")
    var buildArg: [String] = []

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
        for arg in buildArg where !arg.contains("=") { throw ValidationError("--build-arg \(arg): expected KEY=VALUE") }
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
        let buildArgs = Dictionary(
            buildArg.map { arg -> (String, String) in
                let parts = arg.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
            }, uniquingKeysWith: { $1 })
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
                        switch event {
                        case .buildStarted(let s, let r, let n):
                            Output.err("▸ \(dockerfile) \(s.rawValue)\(r > 0 ? " run \(r)/\(n)" : " (priming)")")
                        case .stepFinished(let step):
                            if live {
                                let time = step.cached ? "cached" : String(format: "%.1fs", step.seconds ?? 0)
                                Output.err("    \(step.name.prefix(70))  \(time)")
                            }
                        case .buildFinished(_, _, let seconds, let cached, let executed):
                            Output.err(
                                String(format: "    done in %.2fs: %d cached, %d executed", seconds, cached, executed))
                        case .note(let text):
                            Output.err("  \(text)")
                        }
                    })
            } catch {
                var detail: String?
                if case .buildFailed(_, _, let log) = error { detail = String(log.suffix(3000)) }
                throw CommandFailure("\(error)", detail: detail)
            }
        }
        if format == .json {
            Output.out(try Output.json(all.flatMap { $0 }.map(BenchReportEntry.init)))
        } else {
            Output.out(BenchTable.render(all, builder: "docker \(version) (BuildKit)"))
        }
    }
}

/// The JSON shape of one scenario.
struct BenchReportEntry: Encodable {
    var dockerfile: String
    var scenario: String
    var wallSeconds: Double?
    var stepsCached: Int?
    var stepsExecuted: Int?
    var cacheHitRatio: Double?
    var runs: [Double]
    var changedFile: String?
    var skipped: String?
    var steps: [StepTiming]

    init(_ result: ScenarioResult) {
        dockerfile = result.dockerfile
        scenario = result.scenario.rawValue
        wallSeconds = result.wallSeconds
        stepsCached = result.median?.stepsCached
        stepsExecuted = result.median?.stepsExecuted
        cacheHitRatio = result.cacheHitRatio
        runs = result.runs.map(\.wallSeconds)
        changedFile = result.median?.changedFile
        skipped = result.skipped
        steps = result.median?.steps ?? []
    }
}
