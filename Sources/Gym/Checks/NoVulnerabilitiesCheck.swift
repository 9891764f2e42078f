import Foundation
import Scan

/// Measured on the image: `gym scan` finds no vulnerability at or above a severity in the language packages
/// the build added above the base image's layers, wherever they are (site-packages, a venv, a `--target`
/// directory, the user site, node_modules, Go binaries), and still finds the packages the app needs, so
/// hiding their metadata does not pass. The base image's own packages are the base's, not the learner's.
struct NoVulnerabilitiesCheck: ExerciseCheck {
    let minimum: Severity
    /// Installed-package locations that count, as a path prefix ("": everywhere).
    let under: String
    /// Whether the base image's packages (and the OS packages) count too: the image size challenge allows no
    /// CRITICAL anywhere in the image.
    var wholeImage = false
    /// Packages that must still be seen by the scan.
    let required: [String]
    let id = "no-vulnerabilities"
    var title: String {
        "no \(minimum.rawValue)+ vulnerabilities in \(wholeImage ? "any package of the image" : "the packages the build installed")"
            + " (gym scan, OSV records)"
    }
    let needsEngine = true
    var evidence: String {
        "the packages found in the image's layers (a Python package's release by its module files, against the"
            + " releases' RECORD digests from PyPI), matched against the OSV records"
    }

    func run(_ context: CheckContext) -> CheckResult {
        if let failure = unbuilt(context) { return failure }
        guard let analysis = context.analysis() else { return result(false, "cannot read the image") }
        guard case .success(let (_, tree)) = analysis, let loaded = try? context.loadedImage() else {
            return result(false, "cannot read the image")
        }
        guard let directory = VulnerabilityDatabase.defaultDirectory() else {
            return result(false, "no vulnerability database", advice: "set GYM_VULNDB to a directory of OSV records")
        }
        let inventory: Inventory
        let database: VulnerabilityDatabase
        do {
            inventory = try Inventory.read(loaded, tree: tree)
            database = try VulnerabilityDatabase(directory: directory)
        } catch {
            return result(false, "cannot scan: \(error)")
        }
        let baseLayers = context.baseLayerCount() ?? 0
        let layerOf = Dictionary(tree.files.map { ($0.path, $0.layer) }, uniquingKeysWith: { $1 })
        let mine = Inventory(
            packages: inventory.packages.filter { package in
                guard package.location.hasPrefix(under) else { return false }
                if wholeImage { return true }
                return !package.ecosystem.isOperatingSystem && (layerOf[package.location] ?? Int.max) >= baseLayers
            }, osID: inventory.osID, osVersion: inventory.osVersion)
        let missing = required.filter { name in
            !mine.packages.contains { Ecosystem.pypi.normalize($0.name) == Ecosystem.pypi.normalize(name) }
        }
        if !missing.isEmpty {
            return result(
                false,
                "the scan no longer sees \(missing.joined(separator: ", "))\(wholeImage ? "" : " in the layers the build added")",
                advice: "the app needs them installed, with their metadata")
        }
        let edited = PythonMetadataIntegrity.edited(mine.packages, tree: tree, image: loaded)
        if !edited.isEmpty {
            return result(
                false, "package metadata edited after the install: \(edited.prefix(3).joined(separator: "; "))",
                advice: "install fixed versions; editing what the scanner reads does not fix the code the app loads")
        }
        let findings = VulnerabilityScanner.scan(mine, database: database).filter { $0.severity >= minimum }
        let described = findings.prefix(6).map { finding in
            let cve = ([finding.id] + finding.aliases).first { $0.hasPrefix("CVE-") } ?? finding.id
            return "\(finding.package) \(finding.installedVersion): \(cve) \(finding.severity.rawValue)"
                + (finding.fixedVersion.map { ", fixed in \($0)" } ?? "")
        }
        // a package's release is what its module files are, where gym knows the releases' files
        let disagreeing = mine.packages.compactMap { package -> String? in
            guard case .differs(let claimed) = package.content else { return nil }
            return "\(package.name)'s module files are release \(package.version)'s (its metadata claims \(claimed))"
        }
        let unverified = mine.packages.filter { $0.content == .unknown }.map(\.name)
        let content =
            (disagreeing.isEmpty ? "" : "; " + disagreeing.joined(separator: "; "))
            + (unverified.isEmpty
                ? ""
                : "; unverified by content (no release gym knows has their files): \(unverified.joined(separator: ", "))")
        return result(
            findings.isEmpty,
            findings.isEmpty
                ? "\(mine.packages.count) packages scanned, none with a \(minimum.rawValue)+ vulnerability" + content
                : "\(findings.count) found: \(described.joined(separator: "; "))" + content,
            advice: "`docker build -t mine . && gym scan mine` lists them with the versions that fix them")
    }
}
