import Foundation
import Scan

/// Measured on the image: `gym scan` finds no vulnerability at or above a severity in the packages installed
/// under a path (the app's own dependencies, not the base image's), and still finds the packages the app
/// needs, so hiding their metadata does not pass.
struct NoVulnerabilitiesCheck: ExerciseCheck {
    let minimum: Severity
    /// Installed-package locations that count (`usr/local/lib/`).
    let under: String
    /// Packages that must still be seen by the scan.
    let required: [String]
    let id = "no-vulnerabilities"
    var title: String {
        "no \(minimum.rawValue)+ vulnerabilities in the packages under /\(under) (gym scan, OSV records)"
    }
    let needsEngine = true

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
        let mine = Inventory(
            packages: inventory.packages.filter { $0.location.hasPrefix(under) }, osID: inventory.osID,
            osVersion: inventory.osVersion)
        let missing = required.filter { name in
            !mine.packages.contains { Ecosystem.pypi.normalize($0.name) == Ecosystem.pypi.normalize(name) }
        }
        if !missing.isEmpty {
            return result(
                false, "the scan no longer sees \(missing.joined(separator: ", ")) under /\(under)",
                advice: "the app needs them installed, with their metadata")
        }
        let findings = Scanner.scan(mine, database: database).filter { $0.severity >= minimum }
        let described = findings.prefix(6).map { finding in
            let cve = ([finding.id] + finding.aliases).first { $0.hasPrefix("CVE-") } ?? finding.id
            return "\(finding.package) \(finding.installedVersion): \(cve) \(finding.severity.rawValue)"
                + (finding.fixedVersion.map { ", fixed in \($0)" } ?? "")
        }
        return result(
            findings.isEmpty,
            findings.isEmpty
                ? "\(mine.packages.count) packages scanned, none with a \(minimum.rawValue)+ vulnerability"
                : "\(findings.count) found: \(described.joined(separator: "; "))",
            advice: "`docker build -t mine . && gym scan mine` lists them with the versions that fix them")
    }
}
