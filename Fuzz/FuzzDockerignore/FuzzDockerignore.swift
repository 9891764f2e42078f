import Dockerfile
import FuzzSupport

/// libFuzzer entry: the first line of the input is a set of `.dockerignore` patterns, the rest paths to
/// match against them. Compiling ends in a matcher or a DockerfileError; matching never crashes.
func fuzzDockerignore(_ input: UnsafeRawBufferPointer) {
    let text = String(decoding: input, as: UTF8.self)
    let parts = text.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
    guard let matcher = try? IgnoreMatcher(dockerignore: String(parts[0])) else { return }
    let paths = parts.count > 1 ? parts[1].split(separator: "\n").map(String.init) : ["a", "a/b/c", ".git/HEAD"]
    var directories: [Substring: Bool] = [:]
    for path in paths.prefix(64) {
        _ = matcher.excludes(path)
        _ = matcher.excludesItself(path)
        _ = matcher.excludes(path, directories: &directories)
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzDockerignore) }
}
