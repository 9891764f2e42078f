/// What to do about a scan's findings, grouped by action and ordered by how many findings each clears:
/// bump a language package to the version that fixes all its findings, rebuild on a newer base image for
/// the OS packages, or wait where no fix exists yet.
public enum FixPlan {
    /// One action and what it clears.
    public struct Action: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable {
            /// Raise a language package (PyPI, npm, Go module) to `version`.
            case upgrade
            /// Rebuild the Go binary with a newer toolchain.
            case toolchain
            /// Rebuild on a newer base image (or upgrade the OS packages in the build).
            case rebuildBase
            /// No fixed version exists yet.
            case noFix
        }

        public var kind: Kind
        /// The sentence shown: `bump urllib3 to 1.26.18`.
        public var summary: String
        public var package: String?
        public var version: String?
        /// How many findings it clears (for `noFix`: how many have no fix), and their ids.
        public var findings: Int
        public var ids: [String]
    }

    public static func actions(_ findings: [Finding]) -> [Action] {
        var actions: [Action] = []
        let fixable = findings.filter { $0.fixedVersion != nil }
        // language packages: one bump per package and installed version, to the highest applicable fix
        let language = Dictionary(grouping: fixable.filter { !$0.ecosystem.isOperatingSystem }) {
            "\($0.ecosystem.rawValue)\u{0}\($0.package)\u{0}\($0.installedVersion)"
        }
        for group in language.values {
            let first = group[0]
            let ecosystem = first.ecosystem
            let target = group.compactMap(\.fixedVersion).max { ecosystem.compare($0, $1) < 0 }!
            let ids = group.map(\.id).sorted()
            if ecosystem == .go && first.package == "stdlib" {
                actions.append(
                    Action(
                        kind: .toolchain, summary: "rebuild with Go \(target) or newer", package: "stdlib",
                        version: target, findings: group.count, ids: ids))
            } else {
                actions.append(
                    Action(
                        kind: .upgrade, summary: "bump \(first.package) to \(target)", package: first.package,
                        version: target, findings: group.count, ids: ids))
            }
        }
        let os = fixable.filter { $0.ecosystem.isOperatingSystem }
        if !os.isEmpty {
            let packages = Set(os.map(\.package)).count
            actions.append(
                Action(
                    kind: .rebuildBase,
                    summary:
                        "rebuild on a newer base image or upgrade the OS packages in the build (\(packages) package\(packages == 1 ? "" : "s"))",
                    package: nil, version: nil, findings: os.count, ids: os.map(\.id).sorted()))
        }
        let unfixed = findings.filter { $0.fixedVersion == nil }
        if !unfixed.isEmpty {
            actions.append(
                Action(
                    kind: .noFix, summary: "no fixed version yet (--ignore-unfixed leaves these out)", package: nil,
                    version: nil, findings: unfixed.count, ids: unfixed.map(\.id).sorted()))
        }
        return actions.sorted {
            ($0.kind == .noFix ? 1 : 0, -$0.findings, $0.summary) < (
                $1.kind == .noFix ? 1 : 0, -$1.findings, $1.summary
            )
        }
    }
}
