import Foundation
import TestSupport
import Testing

@testable import Scan

/// Version ordering against osv-scanner's fixtures (../shared/testdata/version-ordering): every line is
/// `A < B`, `A = B` or `A > B`.
@Suite("Version ordering", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct VersionOrderingTests {
    static func cases(_ file: String) throws -> [(String, String, String)] {
        let text = try String(contentsOfFile: SharedData.path("testdata/version-ordering/\(file)"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#"), !trimmed.hasPrefix("//") else { return nil }
            let parts = trimmed.components(separatedBy: " ")
            guard parts.count == 3, ["<", "=", ">"].contains(parts[1]) else { return nil }
            return (parts[0], parts[1], parts[2])
        }
    }

    @Test(arguments: [
        (Ecosystem.debian, "debian-versions.txt"), (.debian, "debian-versions-generated.txt"),
        (.pypi, "pypi-versions.txt"), (.pypi, "pypi-versions-generated.txt"), (.npm, "semver-versions.txt"),
        (.alpine, "alpine-versions.txt"), (.alpine, "alpine-versions-generated.txt"),
    ])
    func ordersLikeTheEcosystem(ecosystem: Ecosystem, file: String) throws {
        let cases = try Self.cases(file)
        #expect(cases.count > 10)
        var wrong: [String] = []
        for (a, op, b) in cases {
            let result = ecosystem.compare(a, b)
            let expected = op == "<" ? -1 : (op == "=" ? 0 : 1)
            let reverse = ecosystem.compare(b, a)
            if result.signum() != expected || reverse.signum() != -expected { wrong.append("\(a) \(op) \(b)") }
        }
        #expect(wrong.isEmpty, "\(file): \(wrong.count) of \(cases.count) wrong, e.g. \(wrong.prefix(5))")
    }
}
