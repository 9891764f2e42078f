import FuzzSupport
import Scan

/// libFuzzer entry: two version strings (split at the first NUL) compared in every ecosystem. Every
/// comparison ends, and is antisymmetric: compare(a, b) == -compare(b, a).
func fuzzVersions(_ input: UnsafeRawBufferPointer) {
    let text = String(decoding: input, as: UTF8.self)
    let parts = text.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
    let (a, b) = (parts[0], parts.count > 1 ? parts[1] : "1.0")
    for ecosystem in Ecosystem.allCases {
        let forward = ecosystem.compare(a, b)
        let backward = ecosystem.compare(b, a)
        if forward.signum() != -backward.signum() {
            fatalError("\(ecosystem) orders \(a.debugDescription) and \(b.debugDescription) both ways")
        }
    }
}

@main
enum Main {
    static func main() { FuzzDriver.run(fuzzVersions) }
}
