/// The package ecosystems the scanner knows, with their version ordering.
public enum Ecosystem: String, Sendable, Codable, CaseIterable {
    case debian = "Debian"
    case ubuntu = "Ubuntu"
    case alpine = "Alpine"
    case pypi = "PyPI"
    case npm
    case go = "Go"

    /// A distribution's packages (dpkg's, apk's), which records name by source package and release.
    public var isOperatingSystem: Bool { self == .debian || self == .ubuntu || self == .alpine }

    /// `Debian:12` → `.debian`.
    public init?(osv name: String) {
        let base = name.split(separator: ":").first.map(String.init) ?? name
        self.init(rawValue: base)
    }

    /// Compares two versions of this ecosystem: negative, zero or positive.
    public func compare(_ a: String, _ b: String) -> Int {
        switch self {
        case .debian, .ubuntu: return DebianVersion.compare(DebianVersion(a), DebianVersion(b))
        case .alpine: return AlpineVersion.compare(AlpineVersion(a), AlpineVersion(b))
        case .pypi:
            let (x, y) = (PEP440Version(a), PEP440Version(b))
            return x < y ? -1 : (y < x ? 1 : 0)
        case .npm, .go:
            let (x, y) = (SemanticVersion(a), SemanticVersion(b))
            return x < y ? -1 : (y < x ? 1 : 0)
        }
    }

    /// The name as the ecosystem compares it: PyPI folds case and runs of `-_.` (PEP 503).
    public func normalize(_ name: String) -> String {
        switch self {
        case .pypi:
            var out = ""
            var lastWasSeparator = false
            for character in name.lowercased() {
                if "-_.".contains(character) {
                    if !lastWasSeparator { out.append("-") }
                    lastWasSeparator = true
                } else {
                    out.append(character)
                    lastWasSeparator = false
                }
            }
            return out
        case .debian, .ubuntu, .alpine, .go: return name
        case .npm: return name.lowercased()
        }
    }
}
