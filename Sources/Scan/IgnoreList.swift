import Foundation
import Yams

#if canImport(Glibc)
import Glibc
#endif

/// Vulnerabilities to leave out, as Trivy reads them: `.trivyignore` (one id per line: a record id or any of
/// its aliases, `#` comments, blank lines ignored) or `.trivyignore.yaml` (`vulnerabilities:` entries with an
/// `id`, optionally narrowed to `paths` (globs over the file that recorded the package) or `purls` (a package
/// URL, without a version for every version), and an `expired_at` date after which the entry no longer applies).
public struct IgnoreList: Sendable, Equatable {
    /// One entry: the id, and what narrows it.
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var paths: [String] = []
        public var purls: [String] = []
        /// The first day the entry no longer applies (`expired_at`, a UTC date).
        public var expiresAt: Date?

        public init(id: String, paths: [String] = [], purls: [String] = [], expiresAt: Date? = nil) {
            self.id = id
            self.paths = paths
            self.purls = purls
            self.expiresAt = expiresAt
        }
    }

    public var entries: [Entry]

    public init(ids: Set<String> = []) { entries = ids.sorted().map { Entry(id: $0) } }

    public init(entries: [Entry]) { self.entries = entries }

    /// Reads `.trivyignore`, or the YAML form when the name ends in `.yaml` or `.yml`.
    public init(contentsOf path: String) throws(ScanError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .ignoreFile(path: path, reason: "cannot be read")
        }
        if path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
            try self.init(yaml: text, file: path)
            return
        }
        self.init(
            entries: text.split(separator: "\n").compactMap { line in
                let id =
                    line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                return id.isEmpty ? nil : Entry(id: id)
            })
    }

    /// Trivy's YAML ignore file; `file` names it in errors.
    public init(yaml text: String, file: String) throws(ScanError) {
        func invalid(_ reason: String) -> ScanError { .ignoreFile(path: file, reason: reason) }
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw invalid("not YAML: \(error)")
        }
        entries = []
        guard let document else { return }
        guard let top = document as? [String: Any] else { throw invalid("expected a mapping with vulnerabilities:") }
        guard let list = top["vulnerabilities"] else { return }
        guard let items = list as? [Any] else { throw invalid("vulnerabilities: expected a list") }
        for (index, item) in items.enumerated() {
            guard let fields = item as? [String: Any], let id = fields["id"].map({ "\($0)" }), !id.isEmpty else {
                throw invalid("vulnerabilities[\(index)]: an entry needs an id")
            }
            func strings(_ key: String) throws(ScanError) -> [String] {
                guard let value = fields[key] else { return [] }
                guard let list = value as? [Any] else { throw invalid("\(id): \(key) must be a list") }
                return list.map { "\($0)" }
            }
            var entry = Entry(id: id, paths: try strings("paths"), purls: try strings("purls"))
            if let expiry = fields["expired_at"] {
                guard let date = Self.date(expiry) else {
                    throw invalid("\(id): expired_at \(expiry) is not a date (YYYY-MM-DD)")
                }
                entry.expiresAt = date
            }
            entries.append(entry)
        }
    }

    /// `2024-03-01` (YAML may already have made it a date).
    static func date(_ value: Any) -> Date? {
        if let date = value as? Date { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: "\(value)")
    }

    /// Every id the list names.
    public var ids: Set<String> { Set(entries.map(\.id)) }

    /// Whether an entry in force on `now` covers the finding, whose package has the package URL `purl`.
    public func ignores(_ finding: Finding, purl: String? = nil, now: Date = Date()) -> Bool {
        let names = Set([finding.id] + finding.aliases)
        return entries.contains { entry in
            guard names.contains(entry.id) else { return false }
            if let expiry = entry.expiresAt, now >= expiry { return false }
            if !entry.paths.isEmpty && !entry.paths.contains(where: { Self.glob($0, finding.location) }) {
                return false
            }
            if !entry.purls.isEmpty {
                guard let purl else { return false }
                return entry.purls.contains { Self.purl($0, matches: purl) }
            }
            return true
        }
    }

    /// Trivy's path globs (`*` does not cross `/`), with or without a leading `/`.
    static func glob(_ pattern: String, _ path: String) -> Bool {
        let trimmed = pattern.hasPrefix("/") ? String(pattern.dropFirst()) : pattern
        return fnmatch(trimmed, path, FNM_PATHNAME) == 0
    }

    /// An entry's purl matches the package's when they are the same package (qualifiers aside) and, if the
    /// entry names a version, the same version.
    static func purl(_ entry: String, matches package: String) -> Bool {
        func base(_ purl: String) -> Substring { purl.prefix { $0 != "?" && $0 != "#" } }
        let (wanted, actual) = (base(entry), base(package))
        if wanted.contains("@") { return wanted == actual }
        return actual.prefix { $0 != "@" } == wanted
    }
}
