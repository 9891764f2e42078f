import Dockerfile
import FuzzSupport

/// libFuzzer entry: any bytes as a Dockerfile. Parsing, stage resolution and variable expansion must end
/// in a value or a DockerfileError, never a crash.
func fuzzDockerfile(_ input: UnsafeRawBufferPointer) {
    let bytes = Array(input)
    if let parsed = try? Dockerfile.parse(bytes) {
        _ = try? parsed.resolve(buildArgs: ["A": "1"])
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzDockerfile) }
}
