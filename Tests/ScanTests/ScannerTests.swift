import Foundation
import TestSupport
import Testing

@testable import Scan

/// Matching real OSV records (../shared/vulndb) against inventories.
@Suite("Scanner on the real OSV records", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct ScannerTests {
    static let database = Result { try VulnerabilityDatabase(directory: SharedData.path("vulndb/osv")) }

    static func db() throws -> VulnerabilityDatabase { try database.get() }

    @Test func loadsEveryRecordButTheWithdrawn() throws {
        let db = try Self.db()
        #expect(db.records.count + db.withdrawn == 7121)
        #expect(db.withdrawn == 27)
        #expect(db.records(.pypi, "REQUESTS").count == 8)
    }

    static let dpkgStatus = """
        Package: apt
        Status: install ok installed
        Version: 2.6.1

        Package: libpcre2-8-0
        Status: install ok installed
        Source: pcre2
        Version: 10.42-1

        Package: perl-base
        Status: install ok installed
        Source: perl
        Version: 5.36.0-7+deb12u3

        Package: removed-thing
        Status: deinstall ok config-files
        Version: 1.0
        """

    @Test func debianPackagesMatchBySourcePackageAndRelease() throws {
        let files: [String: [UInt8]] = [
            "var/lib/dpkg/status": Array(Self.dpkgStatus.utf8),
            "usr/lib/os-release": Array(
                "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n".utf8),
        ]
        let inventory = Inventory.parse(files)
        #expect(inventory.packages.map(\.name) == ["apt", "libpcre2-8-0", "perl-base"])
        #expect(inventory.distro == "debian-12")
        let findings = Scanner.scan(inventory, database: try Self.db())
        #expect(findings.filter { $0.package == "perl-base" }.count == 13)
        #expect(findings.filter { $0.package == "apt" }.map(\.fixedVersion) == ["2.6.2"])
        #expect(findings.filter { $0.package == "libpcre2-8-0" }.map(\.fixedVersion) == ["10.42-1+deb12u2"])
        #expect(findings.allSatisfy { $0.severity != .unknown }, "urgencies give the severity")

        // the fixed versions are not affected, nor is another Debian release
        var fixed = inventory
        fixed.packages[2].sourceVersion = "5.36.0-7+deb12u4"
        #expect(Scanner.scan(fixed, database: try Self.db()).filter { $0.package == "perl-base" }.isEmpty)
        var other = inventory
        other.osVersion = "13"
        #expect(Scanner.scan(other, database: try Self.db()).isEmpty)
    }

    @Test(arguments: [
        ("2.25.0", ["CVE-2023-32681", "CVE-2024-35195"]),
        ("2.19.0", ["CVE-2018-18074", "CVE-2023-32681", "CVE-2024-35195"]),
        ("2.32.3", []),
    ])
    func pythonRecordsMergeAcrossPYSECAndGHSA(version: String, cves: [String]) throws {
        let metadata = "Metadata-Version: 2.1\nName: requests\nVersion: \(version)\n\nBody: Version: 0\n"
        let inventory = Inventory.parse([
            "usr/lib/python3/dist-packages/requests-\(version).dist-info/METADATA": Array(metadata.utf8)
        ])
        let findings = Scanner.scan(inventory, database: try Self.db())
        let found = findings.map { finding in ([finding.id] + finding.aliases).first { $0.hasPrefix("CVE-") } ?? "" }
        #expect(found.sorted() == cves, "\(findings.map(\.id))")
        // the merged record keeps the scored GHSA severity
        if let merged = findings.first(where: { $0.aliases.contains("CVE-2023-32681") || $0.id == "CVE-2023-32681" }) {
            #expect(merged.severity == .medium && merged.score == 6.1)
            #expect(merged.fixedVersion == "2.31.0")
        }
    }

    @Test func lastAffectedAndVersionListsAreHonoured() {
        let affected = OSVRecord.Affected(
            package: .init(ecosystem: "PyPI", name: "x"),
            ranges: [.init(type: "ECOSYSTEM", events: [.init(introduced: "1.0"), .init(lastAffected: "1.4")])],
            versions: ["0.9.1"])
        #expect(Scanner.isAffected("1.4", affected, .pypi))
        #expect(!Scanner.isAffected("1.4.1", affected, .pypi))
        #expect(!Scanner.isAffected("0.9", affected, .pypi))
        #expect(Scanner.isAffected("0.9.1", affected, .pypi))
    }

    /// A binary's bytes with a Go 1.18+ build info blob at a 16-byte-aligned offset.
    static func goBinary(version: String, modinfo: String) -> [UInt8] {
        func varint(_ value: Int) -> [UInt8] {
            var value = value
            var out: [UInt8] = []
            repeat {
                var byte = UInt8(value & 0x7F)
                value >>= 7
                if value > 0 { byte |= 0x80 }
                out.append(byte)
            } while value > 0
            return out
        }
        let sentinel = [UInt8](repeating: 0xAA, count: 16)
        let info = sentinel + Array(modinfo.utf8) + sentinel
        var header = [UInt8](repeating: 0, count: 32)
        header.replaceSubrange(0..<14, with: [0xFF] + Array(" Go buildinf:".utf8))
        header[14] = 8
        header[15] = 2
        return [UInt8](repeating: 0x7F, count: 48) + header + varint(version.utf8.count) + Array(version.utf8)
            + varint(info.count) + info + [UInt8](repeating: 0, count: 20)
    }

    @Test func goBinariesReportTheirStandardLibraryAndModules() throws {
        let bytes = Self.goBinary(
            version: "go1.19.8",
            modinfo:
                "path\texample.com/hello\nmod\texample.com/hello\t(devel)\t\ndep\tgolang.org/x/text\tv0.3.7\th1:x\n"
                + "dep\tgolang.org/x/net\tv0.1.0\th1:y\n=>\tgolang.org/x/net\tv0.7.0\th1:z\n")
        let info = try #require(GoBuildInfo.parse(bytes))
        #expect(info.goVersion == "go1.19.8" && info.path == "example.com/hello")
        #expect(
            info.modules.map { "\($0.path)@\($0.version)" } == ["golang.org/x/text@v0.3.7", "golang.org/x/net@v0.7.0"])
        #expect(GoBuildInfo.parse(Array(bytes.prefix(60))) == nil)

        let packages = Inventory.go(info, location: "hello")
        let findings = Scanner.scan(Inventory(packages: packages), database: try Self.db())
        #expect(findings.filter { $0.package == "stdlib" }.count > 50)
        #expect(findings.contains { $0.package == "golang.org/x/text" && $0.fixedVersion == "0.3.8" })
        // the replacement's version is the one compiled in
        #expect(!findings.contains { $0.package == "golang.org/x/net" && $0.fixedVersion == "0.7.0" })
    }
}
