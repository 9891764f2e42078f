import Foundation

/// A package found installed in an image.
public struct InstalledPackage: Sendable, Codable, Equatable, Hashable {
    public var ecosystem: Ecosystem
    public var name: String
    public var version: String
    /// The source package and its version (Debian), which vulnerability records name.
    public var sourceName: String?
    public var sourceVersion: String?
    /// The file that recorded it (`var/lib/dpkg/status`, a `METADATA`, a `package.json`).
    public var location: String
    /// For a language package an OS package installed (Debian's `python3-pip` owns `pip`'s `METADATA`), that
    /// OS package: its vulnerabilities are the OS package's, matched against the OS data only.
    public var ownedBy: String?
    /// The layer that brought it (the one that last wrote its record: for a Debian package, its file list in
    /// `var/lib/dpkg/info`), when the image's layers are known.
    public var layer: Int?
    /// What the package's own files say about its release, where gym has fingerprints of the releases
    /// (`PythonFingerprints`); nil where it has none.
    public var content: ContentEvidence?

    /// A package's release by its files, against what its metadata claims.
    public enum ContentEvidence: Sendable, Codable, Equatable, Hashable {
        /// The files are the metadata's release (or one with the same files).
        case verified
        /// The files are another release's: `version` is now that release; the metadata claimed `claimed`.
        case differs(claimed: String)
        /// No release gym knows has these files: judged by its metadata, unverified.
        case unknown
    }

    public init(
        ecosystem: Ecosystem, name: String, version: String, sourceName: String? = nil, sourceVersion: String? = nil,
        location: String, ownedBy: String? = nil, layer: Int? = nil
    ) {
        self.ecosystem = ecosystem
        self.name = name
        self.version = version
        self.sourceName = sourceName
        self.sourceVersion = sourceVersion
        self.location = location
        self.ownedBy = ownedBy
        self.layer = layer
    }

    /// The package URL (purl spec): `pkg:deb/debian/perl-base@5.36.0-7+deb12u3?distro=debian-12`.
    public func purl(distro: String?) -> String {
        func escape(_ text: String) -> String {
            text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_~")))
                ?? text
        }
        switch ecosystem {
        case .debian, .ubuntu:
            return "pkg:deb/\(ecosystem == .debian ? "debian" : "ubuntu")/\(escape(name))@\(escape(version))"
                + (distro.map { "?distro=\($0)" } ?? "")
        case .alpine:
            return "pkg:apk/alpine/\(escape(name))@\(escape(version))" + (distro.map { "?distro=\($0)" } ?? "")
        case .pypi: return "pkg:pypi/\(escape(Ecosystem.pypi.normalize(name)))@\(escape(version))"
        case .npm:
            if name.hasPrefix("@"), let slash = name.firstIndex(of: "/") {
                return "pkg:npm/%40\(escape(String(name[name.index(after: name.startIndex)..<slash])))/"
                    + "\(escape(String(name[name.index(after: slash)...])))@\(escape(version))"
            }
            return "pkg:npm/\(escape(name))@\(escape(version))"
        case .go: return "pkg:golang/\(name)@\(version)"
        }
    }
}
