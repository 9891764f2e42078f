import Foundation
import Image

/// What is installed in an image: Debian and Ubuntu packages (dpkg's status database, or distroless's
/// `status.d`), Alpine packages (apk's `lib/apk/db/installed`), Python distributions (`*.dist-info/METADATA`,
/// `*.egg-info/PKG-INFO`), npm packages (every `package.json` with a name and a version) and Go binaries
/// (build info), read from the final filesystem, plus the OS (`os-release`, else `etc/alpine-release` or
/// `etc/debian_version`).
public struct Inventory: Sendable, Codable, Equatable {
    /// One layer of the image: its position, diff id, and the history entry that made it.
    public struct Layer: Sendable, Codable, Equatable {
        public var index: Int
        public var diffID: String
        public var instruction: String

        public init(index: Int, diffID: String, instruction: String) {
            self.index = index
            self.diffID = diffID
            self.instruction = instruction
        }
    }

    public var packages: [InstalledPackage]
    /// `ID` and `VERSION_ID` of os-release (`debian`, `12`).
    public var osID: String?
    public var osVersion: String?
    /// The image's layers, when the inventory was read from an image.
    public var layers: [Layer] = []

    /// The inventory without the packages recorded under `directories` (Trivy's `--skip-dirs`): a directory
    /// is a path in the image (a leading `/` or none), or a pattern where `*` matches within one name and
    /// `**` across names (`**/node_modules`, `usr/local/lib/python3.*/site-packages`).
    public func skipping(directories: [String]) -> Inventory {
        let patterns = directories.map { $0.split(separator: "/").map(String.init) }.filter { !$0.isEmpty }
        guard !patterns.isEmpty else { return self }
        var kept = self
        kept.packages = packages.filter { package in
            let parts = package.location.split(separator: "/").map(String.init)
            // a package is skipped when a pattern matches the directory holding its record or one above it
            return !patterns.contains { pattern in
                (1..<max(1, parts.count)).contains { Self.matches(pattern[...], Array(parts[..<$0])[...]) }
            }
        }
        return kept
    }

    /// Whether the path names match the pattern names (`**` standing for any number of names).
    static func matches(_ pattern: ArraySlice<String>, _ names: ArraySlice<String>) -> Bool {
        guard let first = pattern.first else { return names.isEmpty }
        if first == "**" {
            return (0...names.count).contains { matches(pattern.dropFirst(), names.dropFirst($0)) }
        }
        guard let name = names.first, fnmatch(first, name, 0) == 0 else { return false }
        return matches(pattern.dropFirst(), names.dropFirst())
    }

    public var distro: String? { osID.map { id in osVersion.map { "\(id)-\($0)" } ?? id } }

    public init(packages: [InstalledPackage], osID: String? = nil, osVersion: String? = nil, layers: [Layer] = []) {
        self.packages = packages
        self.osID = osID
        self.osVersion = osVersion
        self.layers = layers
    }

    /// Whether a path of the final filesystem is a file the inventory reads.
    static func isRecord(_ path: String) -> Bool {
        if path == "var/lib/dpkg/status" || path.hasPrefix("var/lib/dpkg/status.d/") { return true }
        if isDpkgFileList(path) { return true }
        if path == "etc/os-release" || path == "usr/lib/os-release" { return true }
        if path == "etc/alpine-release" || path == "etc/debian_version" || path == apkDatabase { return true }
        if path.hasSuffix(".dist-info/METADATA") || path.hasSuffix(".egg-info/PKG-INFO") { return true }
        // every package.json with a name and a version is a package, wherever it is (node_modules, Debian's
        // /usr/share/nodejs, an app's own), as syft and Trivy count them
        return path == "package.json" || path.hasSuffix("/package.json")
    }

    /// apk's database of installed packages.
    static let apkDatabase = "lib/apk/db/installed"

    /// dpkg's list of the files a package installed: `var/lib/dpkg/info/NAME.list` (or `NAME:ARCH.list`).
    static func isDpkgFileList(_ path: String) -> Bool {
        path.hasPrefix("var/lib/dpkg/info/") && path.hasSuffix(".list") && !path.dropFirst(18).contains("/")
    }

    /// Reads an image's layers once for everything: its analysis, its final file tree and its inventory (the
    /// package databases, the build info of every executable that is a Go binary, the fingerprints of Python
    /// module files), each layer decompressed once. `verify` and `remembered` are as for
    /// `ImageAnalyzer.analyze`.
    public static func read(
        _ image: LoadedImage, verify: Bool = true, remembered: VerifiedBlobs? = nil
    ) throws(ScanError) -> (inventory: Inventory, analysis: ImageAnalysis, tree: FileTree) {
        let analysis: ImageAnalysis
        let tree: FileTree
        let captured: CapturedFiles<InventoryFile>
        do {
            (analysis, tree, captured) = try ImageAnalyzer.analyze(
                image, verify: verify, remembered: remembered, capture: InventoryFile.capture)
        } catch {
            throw .image("\(error)")
        }
        let inventory = assemble(tree: tree, analysis: analysis) { captured.value(for: $0) }
        return (inventory, analysis, tree)
    }

    /// Reads the inventory of an image whose final filesystem is `tree` (already analysed): the files it needs
    /// are read again from the layers that hold them. With the image's `analysis`, each package names the
    /// layer that brought it and the inventory lists the layers with their instructions.
    public static func read(
        _ image: LoadedImage, tree: FileTree, analysis: ImageAnalysis? = nil
    ) throws(ScanError) -> Inventory {
        let wanted = tree.files.filter {
            InventoryFile.wanted(path: $0.path, size: $0.size, executable: $0.isExecutable)
        }
        let executables = Set(wanted.filter(\.isExecutable).map(\.path))
        var files: [String: InventoryFile] = [:]
        do {
            try ImageFiles.visit(image, files: wanted, limit: InventoryFile.limit) { path, data in
                files[path] = InventoryFile.make(path: path, executable: executables.contains(path), content: data)
            }
        } catch {
            throw .image("\(error)")
        }
        return assemble(tree: tree, analysis: analysis) { files[$0.path] }
    }

    /// The inventory from what was kept of the final filesystem's files (`kept` gives it per file).
    static func assemble(
        tree: FileTree, analysis: ImageAnalysis?, kept: (FileTree.File) -> InventoryFile?
    ) -> Inventory {
        var records: [String: [UInt8]] = [:]
        var digests: [String: String] = [:]
        var goPackages: [InstalledPackage] = []
        var layerOf: [String: Int] = [:]
        for file in tree.files {
            guard let found = kept(file) else { continue }
            if let record = found.record {
                records[file.path] = record
                layerOf[file.path] = file.layer
            }
            if let info = found.goBuild {
                goPackages += go(info, location: file.path)
                layerOf[file.path] = file.layer
            }
            if let digest = found.digest { digests[file.path] = digest }
        }
        var inventory = parse(records, layerOf: layerOf)
        // a Python package's release by its module files, where gym knows the releases' files
        PythonFingerprints.check(&inventory.packages) { digests[$0] }
        for var package in goPackages.sorted(by: { ($0.location, $0.name) < ($1.location, $1.name) }) {
            package.layer = layerOf[package.location]
            inventory.packages.append(package)
        }
        if let analysis {
            inventory.layers = analysis.layers.map {
                Layer(index: $0.index, diffID: $0.digest, instruction: $0.instruction)
            }
        }
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

    /// Builds the inventory from the record files' contents, by path; `layerOf` gives the layer that last
    /// wrote each record file, when known.
    public static func parse(_ files: [String: [UInt8]], layerOf: [String: Int] = [:]) -> Inventory {
        var inventory = Inventory(packages: [])
        (inventory.osID, inventory.osVersion) = operatingSystem(files)
        // which OS package installed each path, from dpkg's file lists and apk's database
        var owner: [String: String] = [:]
        var fileListLayer: [String: Int] = [:]
        var apkPackages: [InstalledPackage] = []
        if let database = files[apkDatabase] {
            let (packages, files) = apk(String(decoding: database, as: UTF8.self), location: apkDatabase)
            apkPackages = packages.map { package in
                var package = package
                package.layer = layerOf[apkDatabase]
                return package
            }
            owner.merge(files) { first, _ in first }
        }
        for (path, data) in files where isDpkgFileList(path) {
            let package = String(path.dropFirst(18).dropLast(5))
            let name = package.split(separator: ":").first.map(String.init) ?? package
            fileListLayer[name] = layerOf[path]
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("/") {
                owner[String(line.dropFirst())] = name
            }
        }
        /// The Debian package that installed a language package's record (its file, or its directory).
        func ownerOf(_ path: String) -> String? {
            if let name = owner[path] { return name }
            guard let slash = path.lastIndex(of: "/") else { return nil }
            return owner[String(path[..<slash])]
        }
        let dpkgEcosystem: Ecosystem = inventory.osID == "ubuntu" ? .ubuntu : .debian
        inventory.packages += apkPackages
        for (path, data) in files.sorted(by: { $0.key < $1.key }) where !isDpkgFileList(path) && path != apkDatabase {
            let text = String(decoding: data, as: UTF8.self)
            var found: [InstalledPackage] = []
            if path.hasPrefix("var/lib/dpkg/status") {
                found = dpkg(text, location: path).map { package in
                    var package = package
                    package.ecosystem = dpkgEcosystem
                    package.layer = fileListLayer[package.name] ?? layerOf[path]
                    return package
                }
            } else if path.hasSuffix("METADATA") || path.hasSuffix("PKG-INFO") {
                found = python(text, location: path).map { [$0] } ?? []
            } else if path.hasSuffix("package.json") {
                found = npm(data, location: path).map { [$0] } ?? []
            }
            for var package in found {
                if !package.ecosystem.isOperatingSystem {
                    package.ownedBy = ownerOf(path)
                    package.layer = layerOf[path]
                }
                inventory.packages.append(package)
            }
        }
        return inventory
    }

    /// The OS id and release: `ID` and `VERSION_ID` of os-release; without one, `etc/alpine-release`
    /// (`3.18.4`) or `etc/debian_version` (`12.5`: Debian 12; a codename such as `bookworm/sid` says nothing).
    static func operatingSystem(_ files: [String: [UInt8]]) -> (id: String?, version: String?) {
        func text(_ path: String) -> String? {
            files[path].map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        }
        if let release = text("etc/os-release") ?? text("usr/lib/os-release") {
            var id: String?
            var version: String?
            for line in release.split(separator: "\n") {
                let pair = line.split(separator: "=", maxSplits: 1).map(String.init)
                guard pair.count == 2 else { continue }
                let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if pair[0] == "ID" { id = value }
                if pair[0] == "VERSION_ID" { version = value }
            }
            if id != nil { return (id, version) }
        }
        if let alpine = text("etc/alpine-release"), !alpine.isEmpty {
            return ("alpine", alpine)
        }
        if let debian = text("etc/debian_version"), !debian.isEmpty {
            let major = debian.prefix { $0.isNumber }
            return ("debian", major.isEmpty ? nil : String(major))
        }
        return (nil, nil)
    }

    /// apk's installed database: stanzas of `X:value` lines, `P:` the package, `V:` its version, `o:` its
    /// origin (the source package the records name), `F:` a directory and `R:` a file in it. Returns the
    /// packages and, for every file they installed, the package that owns it.
    static func apk(_ text: String, location: String) -> (packages: [InstalledPackage], files: [String: String]) {
        var packages: [InstalledPackage] = []
        var owners: [String: String] = [:]
        for stanza in text.components(separatedBy: "\n\n") {
            var name: String?
            var version: String?
            var origin: String?
            var directory = ""
            var installed: [String] = []
            for line in stanza.split(separator: "\n") {
                guard line.count >= 2, line.dropFirst().first == ":" else { continue }
                let value = String(line.dropFirst(2))
                switch line.first {
                case "P": name = value
                case "V": version = value
                case "o": origin = value
                case "F": directory = value
                case "R": installed.append(directory.isEmpty ? value : directory + "/" + value)
                default: break
                }
            }
            guard let name, let version, !name.isEmpty, !version.isEmpty else { continue }
            packages.append(
                InstalledPackage(
                    ecosystem: .alpine, name: name, version: version, sourceName: origin ?? name,
                    sourceVersion: version,
                    location: location))
            for path in installed where owners[path] == nil { owners[path] = name }
        }
        return (packages, owners)
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
