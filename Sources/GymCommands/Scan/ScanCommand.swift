import ArgumentParser
import Foundation
import Scan
import Storage

/// `gym scan IMAGE`: an offline, Trivy-like vulnerability scan over OSV records.
struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Find known vulnerabilities in an image's packages, offline, from OSV records.",
        discussion: """
            Reads what is installed in the image's final filesystem (Debian and Ubuntu packages from dpkg's \
            database, Alpine packages from apk's, Python distributions, npm packages, Go binaries) and matches it \
            against OSV records by the OSV rules, with each ecosystem's version ordering (dpkg, apk, PEP 440, \
            SemVer). A language package an OS package installed is left to the OS records. Severity comes from \
            the CVSS v3 vector (base score computed), else the database's rating, else the Debian upload urgency.

            Each finding names the layer (and its Dockerfile instruction) that brought the package; the scan ends \
            with the fixes grouped by action, ordered by how many findings each clears.

            The records are read from --vulndb DIR (OSV bulk-export layout: <Ecosystem>/<ID>.json), else \
            $GYM_VULNDB, else ~/.gym/vulndb, else ../shared/vulndb/osv, into an SQLite index (--index, \
            default ~/.gym/vulndb.sqlite) that is imported again only when the directory changes.

            Exit status: --exit-code (default 0) when a finding at the --severity levels remains, 2 when \
            the tool fails. Every scan's counts are kept in SQLite for gym report.

            Examples:
              gym scan myapp:latest
              gym scan image.tar --severity HIGH,CRITICAL --exit-code 1
              gym scan myapp:latest --ignore-unfixed --format json
              gym scan myapp:latest --format sarif > gym-scan.sarif
              gym scan image myapp:latest -s HIGH,CRITICAL -f json -o report.json    (Trivy's spelling)

            Trivy's flags work as Trivy users type them: `gym scan image REF` (where -f json is Trivy's JSON \
            report, gym's --format trivy), -s/--severity, -f/--format \
            (table is tty), -o/--output FILE, -q/--quiet, --no-progress, --exit-code, --ignore-unfixed, \
            --ignorefile, --scanners vuln (the one scanner gym has), --pkg-types os,library and --skip-dirs.
            """)

    @OptionGroup var scan: ScanOptions

    @Option(help: "Directory of OSV records.")
    var vulndb: String?

    @Option(
        help: "SQLite index of the records, imported again when the directory changes (default: ~/.gym/vulndb.sqlite).")
    var index: String?

    @Option(
        name: [.customShort("s"), .long],
        help: "Severities to report, comma-separated (UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL).")
    var severity: String = "UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL"

    @Option(help: "Exit status when findings remain (as Trivy's --exit-code).")
    var exitCode: Int32 = 0

    @Flag(help: "Leave out vulnerabilities no fixed version exists for.")
    var ignoreUnfixed = false

    @Option(
        help:
            "Ids to ignore: .trivyignore (one per line) or .trivyignore.yaml (ids narrowed by paths, purls, expired_at); default: either in the current directory."
    )
    var ignorefile: String?

    @Option(
        name: [.customShort("f"), .long],
        help:
            "Output: tty (or table), json, sarif (for code scanning), trivy (Trivy's JSON report, schema 2), or cyclonedx (a CycloneDX 1.5 bill of materials with the vulnerabilities)."
    )
    var format: ScanReportFormat = .tty

    @Option(
        name: [.customShort("o"), .long],
        help: "Write the report to this file (whole, or not at all) instead of standard output.")
    var output: String?

    @Option(help: "Scanners to run, comma-separated, as Trivy's: vuln is the one gym has.")
    var scanners: String = "vuln"

    @Option(help: "Package types to report, comma-separated: os (dpkg, apk), library (Python, npm, Go), or both.")
    var pkgTypes: String = "os,library"

    @Option(
        name: .customLong("skip-dirs"),
        help: ArgumentHelp(
            "Leave out packages recorded under these directories of the image, comma-separated or repeated, as Trivy's (* within a name, ** across names).",
            valueName: "dirs"))
    var skipDirs: [String] = []

    func validate() throws {
        let asked = Set(scanners.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        guard asked == ["vuln"] else {
            throw ValidationError(
                "--scanners \(scanners): gym scans for vulnerabilities (vuln) only; secrets, misconfigurations and licenses are not scanned"
            )
        }
        _ = try PackageTypes.parse(pkgTypes)
    }

    @Option(help: "History database (default: ~/.gym/gym.sqlite).")
    var db: String?

    @Flag(help: "Do not record this scan in the history.")
    var noHistory = false

    func run() async throws {
        let levels = Set(severity.uppercased().split(separator: ",").compactMap { Severity(rawValue: String($0)) })
        guard !levels.isEmpty else { throw ValidationError("--severity takes UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL") }
        let database = try VulnerabilityIndex.ready(
            path: index ?? VulnerabilityIndex.defaultPath,
            directory: vulndb ?? ProcessInfo.processInfo.environment["GYM_VULNDB"])
        let ignorePath =
            ignorefile ?? [".trivyignore", ".trivyignore.yaml"].first { FileManager.default.fileExists(atPath: $0) }
        let ignore = try ignorePath.map { path throws(ScanError) in try IgnoreList(contentsOf: path) } ?? IgnoreList()
        var inventory = try await scan.inventory()
        let types = try PackageTypes.parse(pkgTypes)
        inventory.packages = inventory.packages.filter {
            $0.ecosystem.isOperatingSystem ? types.os : types.library
        }
        inventory = inventory.skipping(directories: skipDirs.flatMap { $0.split(separator: ",").map(String.init) })
        let all = VulnerabilityScanner.scan(inventory, database: database)
        if !noHistory {
            do {
                try ScanHistory(path: db ?? GymDatabase.defaultPath).record(
                    image: scan.target, packages: inventory.packages.count, findings: all)
            } catch {
                if !scan.quiet { Output.err("warning: scan history not recorded: \(error)") }
            }
        }
        let findings = VulnerabilityScanner.filter(
            all, severities: levels, ignoring: ignore, fixedOnly: ignoreUnfixed, distro: inventory.distro)
        let report = try ScanReporter.render(
            findings, inventory: inventory, image: scan.target,
            // in Trivy's form a Trivy user's `-f json` asks for Trivy's report
            format: scan.trivyForm && format == .json ? .trivy : format, toolVersion: GymCommand.version)
        if let output {
            do {
                try Data((report + "\n").utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandFailure("cannot write the report to \(output): \(error.localizedDescription)")
            }
        } else {
            Output.out(report)
        }
        if !findings.isEmpty && exitCode != 0 { throw ExitCode(exitCode) }
    }
}
