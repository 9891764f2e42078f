import FuzzSupport

@testable import Context

/// libFuzzer entry: any bytes as git's index file. Parsing ends in entries or nil (malformed, split or
/// sparse); never a crash or an out-of-bounds read.
func fuzzGitIndex(_ input: UnsafeRawBufferPointer) {
    _ = GitIndex.parse(input, hashLength: 20)
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzGitIndex) }
}
