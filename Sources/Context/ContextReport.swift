import Dockerfile

/// What `gym context` tells about a build context.
public struct ContextReport: Sendable, Codable {
    public struct SizedPath: Sendable, Codable {
        public var path: String
        public var bytes: Int64
        public var files: Int
    }

    public struct CopySelection: Sendable, Codable {
        public var line: Int
        public var instruction: String
        public var files: Int
        public var bytes: Int64
        public var sample: [String]
    }

    public var files: Int
    public var bytes: Int64
    public var excludedFiles: Int
    public var excludedBytes: Int64
    public var ignoreFile: String?
    public var largestFiles: [SizedPath]
    public var largestDirectories: [SizedPath]
    /// Files that look like secrets and are sent to the builder.
    public var secrets: [String]
    public var copies: [CopySelection]

    /// Builds the report for a snapshot and the Dockerfile that uses it.
    public static func make(_ snapshot: ContextSnapshot, dockerfile: Dockerfile?, top: Int = 10) -> ContextReport {
        let entries = Array(snapshot.entries.values)
        // sizes per immediate parent first, then rolled up to every ancestor (few distinct directories)
        var direct: [Substring: (bytes: Int64, files: Int)] = [:]
        for entry in entries {
            guard let slash = entry.path.lastIndex(of: "/") else { continue }
            let parent = entry.path[..<slash]
            direct[parent, default: (0, 0)].bytes += entry.size
            direct[parent, default: (0, 0)].files += 1
        }
        var directories: [String: SizedPath] = [:]
        for (parent, totals) in direct {
            var current = parent
            while true {
                let key = String(current)
                directories[key, default: SizedPath(path: key + "/", bytes: 0, files: 0)].bytes += totals.bytes
                directories[key, default: SizedPath(path: key + "/", bytes: 0, files: 0)].files += totals.files
                guard let slash = current.lastIndex(of: "/") else { break }
                current = current[..<slash]
            }
        }
        var copies: [CopySelection] = []
        if let dockerfile, let resolved = try? dockerfile.resolve() {
            let sorted = snapshot.sortedEntries
            for stage in resolved {
                for step in stage.steps {
                    let isContextCopy: Bool
                    switch step.instruction {
                    case .copy: isContextCopy = step.copyFrom == nil
                    case .add: isContextCopy = true
                    default: isContextCopy = false
                    }
                    guard isContextCopy else { continue }
                    let selected = ContextSelection.select(Array(step.words.dropLast()), inSorted: sorted)
                    copies.append(
                        CopySelection(
                            line: step.instruction.range.start.line, instruction: step.instruction.node.original,
                            files: selected.count, bytes: selected.reduce(0) { $0 + $1.size },
                            sample: Array(selected.map(\.path).prefix(5))))
                }
            }
        }
        return ContextReport(
            files: entries.count, bytes: snapshot.totalBytes, excludedFiles: snapshot.excluded.count,
            excludedBytes: snapshot.excluded.reduce(0) { $0 + $1.size }, ignoreFile: snapshot.ignoreFile,
            largestFiles: entries.sorted { $0.size != $1.size ? $0.size > $1.size : $0.path < $1.path }.prefix(top).map
            {
                SizedPath(path: $0.path, bytes: $0.size, files: 1)
            },
            largestDirectories: directories.values.sorted { ($0.bytes, $1.path) > ($1.bytes, $0.path) }.prefix(top).map
            { $0 },
            secrets: entries.map(\.path).filter(SecretFiles.looksSecret).sorted(), copies: copies)
    }
}

/// Names that usually hold credentials.
public enum SecretFiles {
    static let names: Set<String> = [
        ".env", ".npmrc", ".pypirc", ".netrc", "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "credentials",
        ".git-credentials", "kubeconfig", ".dockercfg", "config.json", "service-account.json", ".htpasswd",
    ]
    static let suffixes = [".pem", ".key", ".p12", ".pfx", ".jks", ".keystore", ".ppk", ".tfstate"]
    static let directories: Set<Substring> = [".ssh", ".aws", ".kube", ".docker", ".gnupg", ".azure", "gcloud"]

    public static func looksSecret(_ path: String) -> Bool {
        let components = path.split(separator: "/")
        guard let name = components.last else { return false }
        if name.hasPrefix(".env") && !name.hasSuffix(".example") && !name.hasSuffix(".sample") { return true }
        let parents = components.dropLast()
        if name == "config.json" { return parents.contains(".docker") }
        // a repository's own files are history, not secrets; its config can hold a remote's credentials
        if parents.last == ".git" && components.count >= 2 { return name == "config" }
        if names.contains(String(name)) || suffixes.contains(where: { name.hasSuffix($0) }) { return true }
        return parents.contains { directories.contains($0) }
    }
}
