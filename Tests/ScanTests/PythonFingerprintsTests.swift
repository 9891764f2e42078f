import Testing

@testable import Scan

/// The releases' fingerprints (module files' SHA-256 from PyPI's wheel RECORDs): a package's files name its
/// release whatever its metadata says; files no known release has name none.
struct PythonFingerprintsTests {
    @Test(arguments: ["requests", "urllib3", "werkzeug", "django"])
    func theGradedPackagesAreFingerprinted(package: String) throws {
        let releases = try #require(PythonFingerprints.table[package], "no fingerprints of \(package)")
        #expect(releases.count >= 15, "\(package): \(releases.count) releases")
    }

    @Test(arguments: [("requests", "2.25.0"), ("urllib3", "1.26.4"), ("werkzeug", "2.2.2"), ("django", "3.2")])
    func aReleasesOwnFilesNameIt(package: String, release: String) throws {
        let files = try #require(
            PythonFingerprints.table[package]?[release], "\(package) \(release) is not in the data")
        let named = try #require(PythonFingerprints.releases(of: package, digest: { files[$0] }))
        #expect(named.contains(release), "\(named)")
        // and never a release whose files differ
        #expect(named.allSatisfy { PythonFingerprints.table[package]?[$0] == files })
    }

    @Test func filesNoKnownReleaseHasNameNone() {
        #expect(PythonFingerprints.releases(of: "requests", digest: { _ in String(repeating: "0", count: 64) }) == [])
        #expect(PythonFingerprints.releases(of: "requests", digest: { _ in nil }) == [])
        #expect(PythonFingerprints.releases(of: "left-pad", digest: { _ in nil }) == nil)
        #expect(PythonFingerprints.releases(of: "Werkzeug", digest: { _ in nil }) == [], "names are normalised")
    }

    @Test(arguments: [
        (
            "usr/local/lib/python3.11/site-packages/requests-2.25.0.dist-info/METADATA",
            "usr/local/lib/python3.11/site-packages"
        ),
        ("usr/lib/python3/dist-packages/Django-3.2.egg-info/PKG-INFO", "usr/lib/python3/dist-packages"),
        ("usr/lib/python3/dist-packages/six-1.16.0.egg-info", "usr/lib/python3/dist-packages"),
        ("app/node_modules/x/package.json", nil),
    ])
    func theModulesSitBesideTheirRecord(location: String, site: String?) {
        #expect(PythonFingerprints.siteDirectory(of: location) == site)
    }
}
