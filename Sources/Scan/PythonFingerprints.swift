import Base
import Foundation
import Image

/// Which release a Python package's files are. For the packages the exercises grade, gym carries the SHA-256
/// of a few module files of every release in a range (files the packages' security fixes touch, carrying no
/// version string), taken from the releases' wheel `RECORD`s on PyPI by `scripts/pypi-fingerprints.py`. An
/// installed package whose files match a release *is* that release, whatever its `.dist-info` name,
/// `METADATA`, `RECORD` or `__version__` say; one whose files match no release gym knows keeps its
/// metadata's version, marked unverified (a release newer than the data still passes).
public enum PythonFingerprints {
    /// Package (normalised name) to release to module path (relative to site-packages) to SHA-256.
    static let table: [String: [String: [String: String]]] = {
        struct Document: Decodable {
            var packages: [String: [String: [String: String]]]
        }
        return (try? JSONDecoder().decode(Document.self, from: Data(data.utf8)))?.packages ?? [:]
    }()

    /// The packages gym has fingerprints for.
    public static var packages: [String] { table.keys.sorted() }

    /// The releases of `package` whose fingerprinted files all have the digests `digest` gives (nil for a
    /// file that is missing), oldest first; nil when gym has no fingerprints of the package.
    static func releases(of package: String, digest: (String) -> String?) -> [String]? {
        guard let releases = table[Ecosystem.pypi.normalize(package)] else { return nil }
        return releases.filter { _, files in files.allSatisfy { digest($0.key) == $0.value } }.map(\.key)
            .sorted { Ecosystem.pypi.compare($0, $1) < 0 }
    }

    /// Where the package's modules are: the directory that holds its `.dist-info` or `.egg-info`.
    static func siteDirectory(of location: String) -> String? {
        guard let range = location.range(of: ".dist-info/") ?? location.range(of: ".egg-info") else { return nil }
        let record = location[..<range.lowerBound]
        guard let slash = record.lastIndex(of: "/") else { return "" }
        return String(record[..<slash])
    }

    /// A module's path in the image: `file` (relative to site-packages) under `site` ("" for the root).
    static func imagePath(_ file: String, in site: String) -> String { site.isEmpty ? file : site + "/" + file }

    /// Every module file the fingerprints name (relative to site-packages).
    static let moduleFiles: Set<String> = Set(table.values.flatMap { $0.values.flatMap(\.keys) })

    /// The file names of ``moduleFiles``: most paths are passed over on their name alone.
    static let moduleFileNames: Set<Substring> = Set(moduleFiles.map { $0.split(separator: "/").last ?? "" })

    /// Whether a path of the image is a module file the fingerprints name, under any site directory.
    static func isModuleFile(_ path: String) -> Bool {
        let name = path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
        guard moduleFileNames.contains(name) else { return false }
        if moduleFiles.contains(path) { return true }
        var rest = path[...]
        while let slash = rest.firstIndex(of: "/") {
            rest = rest[rest.index(after: slash)...]
            if moduleFiles.contains(String(rest)) { return true }
        }
        return false
    }

    /// Checks every Python package the inventory found against the fingerprints, with the SHA-256 of the
    /// final filesystem's files (`digests` by path; nil for a file that is not there): a package whose files
    /// are another release's takes that release's version (the newest release with those very files), and
    /// every checked package says what its files showed.
    static func check(_ packages: inout [InstalledPackage], digests: (String) -> String?) {
        for index in packages.indices where packages[index].ecosystem == .pypi && packages[index].ownedBy == nil {
            let package = packages[index]
            guard let site = siteDirectory(of: package.location),
                let matching = releases(of: package.name, digest: { digests(imagePath($0, in: site)) })
            else { continue }
            if matching.isEmpty {
                packages[index].content = .unknown
            } else if matching.contains(where: { Ecosystem.pypi.compare($0, package.version) == 0 }) {
                packages[index].content = .verified
            } else {
                packages[index].content = .differs(claimed: package.version)
                packages[index].version = matching.last!
            }
        }
    }
}
