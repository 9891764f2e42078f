import Foundation
import TestSupport
import Testing

/// `gym db` end to end: import, status, the errors a person sees, and a scan using the index gym db filled.
@Suite("db command", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct DBCommandTests {
    @Test func importsShowsAndRefusesBadInput() throws {
        let dir = try GymBinary.scratch([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let index = dir.path + "/vulndb.sqlite"
        let pypi = SharedData.path("vulndb/osv/PyPI")
        let records = try FileManager.default.contentsOfDirectory(atPath: pypi).filter { $0.hasSuffix(".json") }.count

        let imported = try GymBinary.run(["db", "import", pypi, "--index", index])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("imported "), "\(imported.stdout)")
        let status = try GymBinary.run(["db", "status", "--index", index, "--format", "json"])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let ecosystems = try #require(document["ecosystems"] as? [[String: Any]])
        #expect(ecosystems.map { $0["ecosystem"] as? String } == ["PyPI"])
        #expect((document["records"] as? Int ?? 0) > 0 && (document["records"] as? Int ?? 0) <= records)
        #expect(document["source"] as? String == "gym db")
        let tty = try GymBinary.run(["db", "status", "--index", index])
        #expect(tty.stdout.contains("index \(index):") && tty.stdout.contains("  PyPI"), "\(tty.stdout)")

        let missing = try GymBinary.run(["db", "import", dir.path + "/nope.zip", "--index", index])
        #expect(missing.status == 2 && missing.stderr.contains("nope.zip does not exist"), "\(missing.stderr)")
        let badMirror = try GymBinary.run(["db", "update", "--mirror", "ftp://x", "--index", index])
        #expect(badMirror.status == 64 && badMirror.stderr.contains("expected an http or https URL"))
        let empty = try GymBinary.run(["db", "update", "--index", dir.path + "/empty.sqlite"])
        #expect(empty.status == 2 && empty.stderr.contains("holds no ecosystem yet"), "\(empty.stderr)")
    }
}
