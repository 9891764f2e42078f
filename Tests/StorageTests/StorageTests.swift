import Foundation
import Testing

@testable import Context
@testable import Storage

/// The SQLite wrapper over a real database file, and SHA-256 against its test vectors.
struct StorageTests {
    @Test func roundTripsValuesInARealFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gym-db-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try SQLiteDatabase(path: dir.appendingPathComponent("nested/gym.sqlite").path)
        try db.execute("CREATE TABLE t(a INTEGER, b REAL, c TEXT, d BLOB)")
        try db.query("INSERT INTO t VALUES (?, ?, ?, ?)", [.integer(42), .real(1.5), .text("héllo 'x'"), .null])
        let rows = try db.query("SELECT * FROM t")
        #expect(rows.count == 1)
        #expect(rows[0]["a"] == .integer(42))
        #expect(rows[0]["b"] == .real(1.5))
        #expect(rows[0]["c"] == .text("héllo 'x'"))
        #expect(rows[0]["d"] == .null)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("nested/gym.sqlite").path))
    }

    @Test func errorsNameTheStatement() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        #expect(throws: StorageError.self) { try db.query("SELECT * FROM missing") }
    }

    @Test func transactionsRollBack() throws {
        let db = try SQLiteDatabase(path: ":memory:")
        try db.execute("CREATE TABLE t(a INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.query("INSERT INTO t VALUES (1)")
                throw Boom()
            }
        }
        #expect(try db.query("SELECT count(*) AS n FROM t")[0]["n"] == .integer(0))
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func sha256(input: String, expected: String) {
        #expect(SHA256.hex(Array(input.utf8)) == expected)
    }

    @Test func sha256MillionAs() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(
            hasher.finalize().map { String(format: "%02x", $0) }.joined()
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
