import Foundation
import Testing

@testable import Scan

/// The course's other base images: Alpine (apk's database, apk version ordering, `Alpine:vX.Y` records),
/// Ubuntu (`Ubuntu:22.04` records), distroless (`status.d`), and the OS told from the files an image has.
struct OperatingSystemTests {
    static func fixture(_ path: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(path)", withExtension: nil))
        return [UInt8](try Data(contentsOf: url))
    }

    static func records() throws -> VulnerabilityDatabase {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/osv", withExtension: nil))
        return try VulnerabilityDatabase(directory: url.path)
    }

    @Test(arguments: [
        ("1.2.3", "<", "1.2.3-r1"), ("1.2.3_alpha", "<", "1.2.3_beta"), ("1.2.3_rc1", "<", "1.2.3"),
        ("1.2.3", "<", "1.2.3_p1"), ("1.2.3_rc2", ">", "1.2.3_rc1"), ("1.1.14-r10", "<", "1.1.14-r13"),
        ("1.1.14-r13", "<", "1.1.15-r0"), ("2.9.11_pre20061021-r2", "<", "2.9.11-r0"), ("1.0.2h-r1", ">", "1.0.2g-r9"),
        ("1.02", "<", "1.1"), ("1.2.0", "<", "1.2.0-r0"), ("1.2.0-r", "=", "1.2.0-r0"),
    ])
    func apkOrdersVersionsAsApk(a: String, op: String, b: String) {
        let expected = op == "<" ? -1 : (op == "=" ? 0 : 1)
        #expect(Ecosystem.alpine.compare(a, b).signum() == expected, "\(a) \(op) \(b)")
        #expect(Ecosystem.alpine.compare(b, a).signum() == -expected, "\(b) against \(a)")
    }

    @Test func readsApksDatabase() throws {
        let (packages, owners) = Inventory.apk(
            String(decoding: try Self.fixture("apk/installed"), as: UTF8.self), location: "lib/apk/db/installed")
        #expect(
            packages.map(\.name) == [
                "musl", "busybox", "alpine-keys", "zlib", "libcrypto1.0", "libssl1.0", "scanelf", "test",
            ], "the stanza without a version is skipped")
        let crypto = try #require(packages.first { $0.name == "libcrypto1.0" })
        #expect(crypto.version == "1.0.2h-r1" && crypto.sourceName == "openssl" && crypto.ecosystem == .alpine)
        #expect(packages.first { $0.name == "test" }?.sourceName == "test-parent")
        #expect(owners["lib/libc.musl-x86_64.so.1"] == "musl")
        #expect(owners["bin/busybox"] == "busybox")
        #expect(owners["usr/include/sqlite3.h"] == "test")
    }

    @Test func alpineImagesMatchTheirBranchsRecords() throws {
        var files: [String: [UInt8]] = [
            "lib/apk/db/installed": try Self.fixture("apk/installed"),
            "etc/alpine-release": Array("3.4.6\n".utf8),
        ]
        let inventory = Inventory.parse(files)
        #expect(inventory.osID == "alpine" && inventory.osVersion == "3.4.6")
        #expect(
            inventory.packages.first?.purl(distro: inventory.distro)
                == "pkg:apk/alpine/musl@1.1.14-r10?distro=alpine-3.4.6")
        let findings = VulnerabilityScanner.scan(inventory, database: try Self.records())
        #expect(
            findings.map { "\($0.package) \($0.id) \($0.fixedVersion ?? "-")" }.sorted() == [
                "busybox ALPINE-CVE-2016-6301 1.24.2-r12", "musl ALPINE-CVE-2016-8859 1.1.14-r13",
            ])
        // Alpine 3.5's packages are not 3.4's records' business, nor a 3.40 (not a real branch, but a prefix)
        for other in ["3.5.2", "3.40.1"] {
            files["etc/alpine-release"] = Array(other.utf8)
            #expect(VulnerabilityScanner.scan(Inventory.parse(files), database: try Self.records()).isEmpty)
        }
    }

    @Test func pythonPackagesApkInstalledAreApks() throws {
        let database = """
            P:py3-pip
            V:23.1.2-r0
            o:py3-pip
            F:usr/lib/python3.11/site-packages/pip-23.1.2.dist-info
            R:METADATA
            R:RECORD

            """
        let metadata = Array("Metadata-Version: 2.1\nName: pip\nVersion: 23.1.2\n\n".utf8)
        let inventory = Inventory.parse([
            "lib/apk/db/installed": Array(database.utf8),
            "etc/alpine-release": Array("3.18.4\n".utf8),
            "usr/lib/python3.11/site-packages/pip-23.1.2.dist-info/METADATA": metadata,
            "usr/local/lib/python3.11/site-packages/pip-23.1.2.dist-info/METADATA": metadata,
        ])
        #expect(inventory.packages.filter { $0.name == "pip" }.map(\.ownedBy) == ["py3-pip", nil])
    }

    @Test func ubuntuPackagesAreUbuntusAndMatchTheirRelease() throws {
        let status = """
            Package: libc6
            Status: install ok installed
            Source: glibc
            Version: 2.35-0ubuntu3.1

            """
        var files: [String: [UInt8]] = [
            "var/lib/dpkg/status": Array(status.utf8),
            "etc/os-release": Array("NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\n".utf8),
        ]
        let inventory = Inventory.parse(files)
        #expect(inventory.packages.map(\.ecosystem) == [.ubuntu])
        #expect(
            inventory.packages[0].purl(distro: inventory.distro)
                == "pkg:deb/ubuntu/libc6@2.35-0ubuntu3.1?distro=ubuntu-22.04")
        let findings = VulnerabilityScanner.scan(inventory, database: try Self.records())
        #expect(findings.map(\.id) == ["UBUNTU-CVE-2023-4911"])
        #expect(findings.first?.fixedVersion == "2.35-0ubuntu3.4")
        files["etc/os-release"] = Array("ID=ubuntu\nVERSION_ID=\"20.04\"\n".utf8)
        #expect(VulnerabilityScanner.scan(Inventory.parse(files), database: try Self.records()).isEmpty)
    }

    @Test(
        arguments: [
            (["etc/os-release": "ID=debian\nVERSION_ID=\"12\"\n"], "debian", "12"),
            (["usr/lib/os-release": "ID=\"ubuntu\"\nVERSION_ID=\"24.04\"\n"], "ubuntu", "24.04"),
            (["etc/alpine-release": "3.19.1\n"], "alpine", "3.19.1"),
            (["etc/debian_version": "12.5\n"], "debian", "12"),
            (["etc/debian_version": "bookworm/sid\n"], "debian", nil),
            (
                ["etc/os-release": "ID=alpine\nVERSION_ID=3.20.0\n", "etc/alpine-release": "3.19.1\n"], "alpine",
                "3.20.0"
            ),
        ] as [([String: String], String, String?)])
    func theOperatingSystemFromItsFiles(files: [String: String], id: String, version: String?) {
        let system = Inventory.operatingSystem(files.mapValues { Array($0.utf8) })
        #expect(system.id == id && system.version == version)
    }

    /// Distroless images have no status file: one stanza per package under `var/lib/dpkg/status.d/`.
    @Test func distrolessStatusDirectory() {
        let inventory = Inventory.parse([
            "var/lib/dpkg/status.d/base": Array("Package: base-files\nVersion: 12.4+deb12u5\n".utf8),
            "var/lib/dpkg/status.d/libssl3": Array(
                "Package: libssl3\nSource: openssl\nVersion: 3.0.11-1~deb12u2\n".utf8),
            "etc/os-release": Array("ID=debian\nVERSION_ID=\"12\"\n".utf8),
        ])
        #expect(inventory.packages.map(\.name) == ["base-files", "libssl3"])
        #expect(inventory.packages.last?.sourceName == "openssl")
    }
}
