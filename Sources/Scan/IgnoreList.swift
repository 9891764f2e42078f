import Foundation

/// Vulnerability ids to leave out, as in Trivy's `.trivyignore`: one id per line (a record id or any of its
/// aliases), `#` comments, blank lines ignored.
public struct IgnoreList: Sendable, Equatable {
    public var ids: Set<String>

    public init(ids: Set<String> = []) { self.ids = ids }

    public init(contentsOf path: String) throws(ScanError) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .ignoreFile(path: path, reason: "cannot be read")
        }
        ids = Set(
            text.split(separator: "\n").compactMap { line in
                let id =
                    line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first?
                    .trimmingCharacters(in: .whitespaces) ?? ""
                return id.isEmpty ? nil : id
            })
    }

    public func ignores(_ finding: Finding) -> Bool {
        ids.contains(finding.id) || finding.aliases.contains { ids.contains($0) }
    }
}
