import Spawn

/// Runs docker, buildah and friends for the benchmark and the gym through the package's one spawner
/// (`Spawn.Subprocess`), with stderr merged into stdout in the order written, as build progress is read.
public enum ProcessRunner {
    /// A finished program: its exit status and merged output.
    public struct Outcome: Sendable {
        public var status: Int32
        public var output: String
    }

    /// Runs `arguments[0]` with the rest; `onLine` sees each output line as it arrives.
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], currentDirectory: String? = nil,
        onLine: ((String) -> Void)? = nil
    ) throws(BenchError) -> Outcome {
        do {
            let output = try Subprocess.run(
                arguments, in: currentDirectory, environment: environment, mergingStandardError: true, onLine: onLine)
            return Outcome(status: output.status, output: String(decoding: output.stdout, as: UTF8.self))
        } catch .notFound(let program) {
            throw .noBuilder("\(program) is not installed")
        } catch {
            throw .noBuilder(error.description)
        }
    }
}
