/// A Semantic Versioning 2.0 version (npm and Go; a leading `v` and Go's `+incompatible` are accepted):
/// major.minor.patch, then pre-release identifiers (numeric ones numerically, below alphanumeric ones; a
/// release above its pre-releases); build metadata ignored. Missing minor or patch count as 0.
public struct SemanticVersion: Comparable, Sendable, CustomStringConvertible {
    /// Major, minor, patch as digit strings without leading zeros (any length: compared by length, then
    /// digit by digit).
    public let core: [String]
    public let prerelease: [String]
    public let description: String

    public init(_ text: String) {
        description = text
        var body = Substring(text.trimmingCharacters(in: .whitespaces))
        if body.hasPrefix("v") || body.hasPrefix("V") { body = body.dropFirst() }
        if let plus = body.firstIndex(of: "+") { body = body[..<plus] }
        var pre: [String] = []
        if let dash = body.firstIndex(of: "-") {
            pre = body[body.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false).map(
                String.init)
            body = body[..<dash]
        }
        var numbers = body.split(separator: ".").map { part -> String in
            let digits = part.prefix { $0.isNumber }.drop { $0 == "0" }
            return digits.isEmpty ? "0" : String(digits)
        }
        while numbers.count < 3 { numbers.append("0") }
        core = numbers
        prerelease = pre
    }

    public static func == (a: SemanticVersion, b: SemanticVersion) -> Bool {
        a.core == b.core && a.prerelease == b.prerelease
    }

    public static func < (a: SemanticVersion, b: SemanticVersion) -> Bool {
        for (x, y) in zip(a.core, b.core) where x != y { return x.count != y.count ? x.count < y.count : x < y }
        if a.core.count != b.core.count { return a.core.count < b.core.count }
        if a.prerelease.isEmpty != b.prerelease.isEmpty { return !a.prerelease.isEmpty }
        for (x, y) in zip(a.prerelease, b.prerelease) where x != y {
            let xNumeric = !x.isEmpty && x.allSatisfy(\.isNumber)
            let yNumeric = !y.isEmpty && y.allSatisfy(\.isNumber)
            switch (xNumeric ? x : nil, yNumeric ? y : nil) {
            case (let m?, let n?): return m.count != n.count ? m.count < n.count : m < n
            case (.some, nil): return true
            case (nil, .some): return false
            default: return x < y
            }
        }
        return a.prerelease.count < b.prerelease.count
    }
}
