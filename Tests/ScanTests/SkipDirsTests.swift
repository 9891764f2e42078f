import Testing

@testable import Scan

/// `gym scan --skip-dirs`, as Trivy's: packages recorded under a skipped directory are left out.
struct SkipDirsTests {
    static let inventory = Inventory(packages: [
        InstalledPackage(ecosystem: .debian, name: "perl-base", version: "5.36.0-7", location: "var/lib/dpkg/status"),
        InstalledPackage(
            ecosystem: .pypi, name: "requests", version: "2.25.0",
            location: "usr/local/lib/python3.11/site-packages/requests-2.25.0.dist-info/METADATA"),
        InstalledPackage(
            ecosystem: .npm, name: "lodash", version: "4.17.20", location: "app/node_modules/lodash/package.json"),
        InstalledPackage(
            ecosystem: .npm, name: "left-pad", version: "1.3.0",
            location: "srv/web/node_modules/left-pad/package.json"),
    ])

    @Test(arguments: [
        (["/usr/local/lib/python3.11/site-packages"], ["perl-base", "lodash", "left-pad"]),
        (["usr/local/lib/python3.*/site-packages"], ["perl-base", "lodash", "left-pad"]),
        (["**/node_modules"], ["perl-base", "requests"]),
        (["/app"], ["perl-base", "requests", "left-pad"]),
        (["/var/lib/dpkg", "srv"], ["requests", "lodash"]),
        (["/ap"], ["perl-base", "requests", "lodash", "left-pad"]),
        (["app/node_modules/lodash/package.json"], ["perl-base", "requests", "lodash", "left-pad"]),
        ([String](), ["perl-base", "requests", "lodash", "left-pad"]),
    ])
    func packagesUnderASkippedDirectoryAreLeftOut(skipped: [String], kept: [String]) {
        #expect(Self.inventory.skipping(directories: skipped).packages.map(\.name) == kept)
    }
}
