import Foundation
import Image

/// What is installed in an image: Debian packages (dpkg's status database), Python distributions
/// (`*.dist-info/METADATA`, `*.egg-info/PKG-INFO`), npm packages (every `package.json` with a name and a
/// version) and Go binaries (build info), read
/// from the final filesystem, plus the OS from `os-release`.
public struct Inventory: Sendable, Codable, Equatable {
    public var packages: [InstalledPackage]
    /// `ID` and `VERSION_ID` of os-release (`debian`, `12`).
    public var osID: String?
    public var osVersion: String?

    public var distro: String? { osID.map { id in osVersion.map { "\(id)-\($0)" } ?? id } }

    public init(packages: [InstalledPackage], osID: String? = nil, osVersion: String? = nil) {
        self.packages = packages
        self.osID = osID
        self.osVersion = osVersion
    }

    /// Whether a path of the final filesystem is a file the inventory reads.
    static func isRecord(_ path: String) -> Bool {
        if path == "var/lib/dpkg/status" || path.hasPrefix("var/lib/dpkg/status.d/") { return true }
        if path == "etc/os-release" || path == "usr/lib/os-release" { return true }
        if path.hasSuffix(".dist-info/METADATA") || path.hasSuffix(".egg-info/PKG-INFO") { return true }
        // every package.json with a name and a version is a package, wherever it is (node_modules, Debian's
        // /usr/share/nodejs, an app's own), as syft and Trivy count them
        return path == "package.json" || path.hasSuffix("/package.json")
    }

    /// Reads the inventory of an image whose final filesystem is `tree`: the package databases, and the
    /// build info of every executable that is a Go binary.
    public static func read(_ image: LoadedImage, tree: FileTree) throws(ScanError) -> Inventory {
        var files: [String: [UInt8]] = [:]
        var goPackages: [InstalledPackage] = []
        // one pass over the layers: package records (up to 16 MB each) and executables that may be Go binaries
        let wanted = tree.files.filter {
            isRecord($0.path) ? $0.size <= 16 << 20 : $0.isExecutable && $0.size >= 64 << 10
        }
        do {
            try ImageFiles.visit(image, files: wanted, limit: 512 << 20) { path, data in
                if isRecord(path) {
                    files[path] = data
                } else if let info = GoBuildInfo.parse(data) {
                    goPackages += go(info, location: path)
                }
            }
        } catch {
            throw .image("\(error)")
        }
        var inventory = parse(files)
        inventory.packages += goPackages.sorted { ($0.location, $0.name) < ($1.location, $1.name) }
        return inventory
    }

    /// A Go binary's packages: the standard library at the Go version it was built with, and its modules.
    static func go(_ info: GoBuildInfo, location: String) -> [InstalledPackage] {
        var packages = [
            InstalledPackage(
                ecosystem: .go, name: "stdlib", version: String(info.goVersion.dropFirst(2)), location: location)
        ]
        for module in info.modules {
            packages.append(
                InstalledPackage(ecosystem: .go, name: module.path, version: module.version, location: location))
        }
        return packages
    }

    /// Builds the inventory from the record files' contents, by path.
    public static func parse(_ files: [String: [UInt8]]) -> Inventory {
        var inventory = Inventory(packages: [])
        let release = files["etc/os-release"] ?? files["usr/lib/os-release"]
        if let release {
            for line in String(decoding: release, as: UTF8.self).split(separator: "\n") {
                let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if pair[0] == "ID" { inventory.osID = value }
                if pair[0] == "VERSION_ID" { inventory.osVersion = value }
            }
        }
        for (path, data) in files.sorted(by: { $0.key < $1.key }) {
            let text = String(decoding: data, as: UTF8.self)
            if path.hasPrefix("var/lib/dpkg/status") {
                inventory.packages += dpkg(text, location: path)
            } else if path.hasSuffix("METADATA") || path.hasSuffix("PKG-INFO") {
                if let package = python(text, location: path) { inventory.packages.append(package) }
            } else if path.hasSuffix("package.json") {
                if let package = npm(data, location: path) { inventory.packages.append(package) }
            }
        }
        return inventory
    }

    /// dpkg's status file: stanzas of `Field: value`; installed packages only. `Source: name (version)`
    /// gives the source package and, when it differs, its version.
    static func dpkg(_ text: String, location: String) -> [InstalledPackage] {
        var packages: [InstalledPackage] = []
        for stanza in text.components(separatedBy: "\n\n") {
            var fields: [String: String] = [:]
            for line in stanza.split(separator: "\n") where !line.hasPrefix(" ") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
            guard let name = fields["Package"], let version = fields["Version"] else { continue }
            if let status = fields["Status"], !status.hasSuffix(" installed") { continue }
            var sourceName = name
            var sourceVersion = version
            if let source = fields["Source"] {
                let parts = source.split(separator: " ", maxSplits: 1)
                sourceName = String(parts[0])
                if parts.count == 2 {
                    sourceVersion = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "() "))
                }
            }
            packages.append(
                InstalledPackage(
                    ecosystem: .debian, name: name, version: version, sourceName: sourceName,
                    sourceVersion: sourceVersion, location: location))
        }
        return packages
    }

    /// Core metadata: the `Name:` and `Version:` headers.
    static func python(_ text: String, location: String) -> InstalledPackage? {
        var name: String?
        var version: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }  // the headers end at the first blank line
            if line.hasPrefix("Name:") { name = line.dropFirst(5).trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("Version:") { version = line.dropFirst(8).trimmingCharacters(in: .whitespaces) }
        }
        guard let name, let version else { return nil }
        return InstalledPackage(ecosystem: .pypi, name: name, version: version, location: location)
    }

    static func npm(_ data: [UInt8], location: String) -> InstalledPackage? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(data)) as? [String: Any],
            let name = object["name"] as? String, let version = object["version"] as? String
        else { return nil }
        return InstalledPackage(ecosystem: .npm, name: name, version: version, location: location)
    }
}
