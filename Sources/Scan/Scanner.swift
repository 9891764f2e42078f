/// Matches an inventory against OSV records, the way the OSV schema defines "affected": a version listed in
/// `versions`, or inside an ECOSYSTEM or SEMVER range (introduced, fixed, last_affected events in version
/// order). Records about the same vulnerability (linked by aliases, such as a PYSEC and a GHSA record) are
/// reported once, with the highest known severity.
public enum Scanner {
    public static func scan(_ inventory: Inventory, database: some VulnerabilitySource) -> [Finding] {
        var findings: [Finding] = []
        for package in inventory.packages {
            let name = package.ecosystem == .debian ? (package.sourceName ?? package.name) : package.name
            let version = package.ecosystem == .debian ? (package.sourceVersion ?? package.version) : package.version
            var forPackage: [Finding] = []
            for record in database.records(package.ecosystem, name) {
                for affected in record.affected ?? [] {
                    guard let named = affected.package, Ecosystem(osv: named.ecosystem) == package.ecosystem,
                        package.ecosystem.normalize(named.name) == package.ecosystem.normalize(name),
                        releaseMatches(named.ecosystem, inventory), isAffected(version, affected, package.ecosystem)
                    else { continue }
                    let (severity, score) = Severity.of(record, affected: affected)
                    forPackage.append(
                        Finding(
                            id: record.id, aliases: record.aliases ?? [], package: package.name,
                            ecosystem: package.ecosystem, installedVersion: package.version,
                            fixedVersion: fixedVersion(version, affected, package.ecosystem), severity: severity,
                            score: score, title: record.summary ?? "", location: package.location))
                    break
                }
            }
            findings += merged(forPackage)
        }
        return findings.sorted {
            ($0.severity, $1.package, $1.id) > ($1.severity, $0.package, $0.id)
        }
    }

    /// `Debian:12` records apply to Debian 12 images only.
    static func releaseMatches(_ ecosystem: String, _ inventory: Inventory) -> Bool {
        let parts = ecosystem.split(separator: ":")
        guard parts.count == 2 else { return true }
        return inventory.osID == "debian" && inventory.osVersion == String(parts[1])
    }

    public static func isAffected(_ version: String, _ affected: OSVRecord.Affected, _ ecosystem: Ecosystem) -> Bool {
        if let versions = affected.versions, versions.contains(version) { return true }
        for range in affected.ranges ?? [] where range.type == "ECOSYSTEM" || range.type == "SEMVER" {
            var vulnerable = false
            for event in sorted(range.events, ecosystem) {
                if let introduced = event.introduced {
                    if introduced == "0" || ecosystem.compare(version, introduced) >= 0 { vulnerable = true }
                } else if let fixed = event.fixed {
                    if ecosystem.compare(version, fixed) >= 0 { vulnerable = false }
                } else if let last = event.lastAffected {
                    if ecosystem.compare(version, last) > 0 { vulnerable = false }
                }
            }
            if vulnerable { return true }
        }
        return false
    }

    static func sorted(_ events: [OSVRecord.Event], _ ecosystem: Ecosystem) -> [OSVRecord.Event] {
        func version(_ event: OSVRecord.Event) -> String? {
            event.introduced ?? event.fixed ?? event.lastAffected ?? event.limit
        }
        return events.sorted { a, b in
            guard let x = version(a), let y = version(b) else { return false }
            if x == "0" { return y != "0" }
            if y == "0" { return false }
            return ecosystem.compare(x, y) < 0
        }
    }

    /// The lowest `fixed` above the installed version.
    static func fixedVersion(_ version: String, _ affected: OSVRecord.Affected, _ ecosystem: Ecosystem) -> String? {
        let fixes = (affected.ranges ?? []).flatMap { $0.events.compactMap(\.fixed) }
            .filter { ecosystem.compare($0, version) > 0 }
        return fixes.min { ecosystem.compare($0, $1) < 0 }
    }

    /// One finding per vulnerability: records sharing an id or alias merge, keeping the most severe.
    static func merged(_ findings: [Finding]) -> [Finding] {
        var result: [Finding] = []
        for finding in findings.sorted(by: { $0.id < $1.id }) {
            let names = Set([finding.id] + finding.aliases)
            if let index = result.firstIndex(where: { !names.isDisjoint(with: [$0.id] + $0.aliases) }) {
                var kept = result[index]
                let other = finding
                if other.severity > kept.severity || (kept.severity == .unknown && other.severity != .unknown) {
                    let aliases = kept.aliases + [kept.id]
                    kept = other
                    kept.aliases = aliases + other.aliases
                } else {
                    kept.aliases += [other.id] + other.aliases
                }
                kept.aliases = Array(Set(kept.aliases).subtracting([kept.id])).sorted()
                kept.fixedVersion = kept.fixedVersion ?? other.fixedVersion
                result[index] = kept
            } else {
                result.append(finding)
            }
        }
        return result
    }
}
