import Dockerfile
import Foundation

/// A `.dockerignore` suggested for a project from what is in it.
public enum DockerignoreSuggestion {
    /// Candidate patterns with why; a pattern is suggested when something in the context matches it.
    static let candidates: [(pattern: String, why: String)] = [
        (".git", "version control history"), (".hg", "version control history"), (".svn", "version control history"),
        ("node_modules", "dependencies are installed in the image"), (".venv", "virtual environment"),
        ("venv", "virtual environment"), ("**/__pycache__", "Python bytecode"), ("**/*.pyc", "Python bytecode"),
        (".pytest_cache", "test cache"), (".mypy_cache", "type-checker cache"), (".tox", "test environments"),
        ("coverage", "test coverage output"), (".coverage", "test coverage data"), ("**/*.log", "logs"),
        (".env", "environment secrets"), (".env.*", "environment secrets"), ("**/*.pem", "keys and certificates"),
        ("**/*.key", "private keys"), ("**/id_rsa", "SSH keys"), (".aws", "cloud credentials"),
        (".ssh", "SSH keys"), (".npmrc", "registry tokens"), (".pypirc", "registry tokens"),
        (".idea", "editor settings"),
        (".vscode", "editor settings"), ("**/.DS_Store", "macOS metadata"), (".build", "SwiftPM build output"),
        ("target", "Rust/Java build output"), ("dist", "build output"), (".terraform", "Terraform state and plugins"),
        ("Dockerfile*", "the Dockerfiles themselves"), (".dockerignore", "this file"),
        ("docker-compose*.yml", "compose files"),
    ]

    /// The suggested file's text: each line commented with why, only for what the context holds.
    public static func suggest(for snapshot: ContextSnapshot, extraEntries: [String] = []) -> String {
        render(patterns(for: snapshot, extraEntries: extraEntries))
    }

    /// The candidate patterns something in the context matches, with why each is suggested.
    public static func patterns(
        for snapshot: ContextSnapshot, extraEntries: [String] = []
    ) -> [(pattern: String, why: String)] {
        let paths = Array(snapshot.entries.keys) + snapshot.excluded.map(\.path) + extraEntries
        return candidates.filter { candidate in
            guard let pattern = try? IgnorePattern(candidate.pattern) else { return false }
            return paths.contains { path in ContextSelection.matchesPathOrParent(pattern, path) }
        }
    }

    /// A `.dockerignore` of `patterns`, each under a comment saying why.
    public static func render(_ patterns: [(pattern: String, why: String)]) -> String {
        var lines = ["# .dockerignore suggested by gym context: keep out what the image does not need"]
        // .dockerignore comments must start the line: a trailing "# ..." would become part of the pattern
        for candidate in patterns { lines.append("# \(candidate.why)\n\(candidate.pattern)") }
        if lines.count == 1 { lines.append("# nothing to exclude was found; add patterns as the project grows") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes `.dockerignore` into `directory`: never replaces an existing file unless `force`, and then keeps
    /// a backup (`.dockerignore.bak`, or `.bak.N`). Returns the backup's path when one was made.
    @discardableResult
    public static func write(_ text: String, into directory: String, force: Bool) throws(ContextError) -> String? {
        let path = directory + "/.dockerignore"
        let fm = FileManager.default
        var backup: String? = nil
        if fm.fileExists(atPath: path) {
            guard force else {
                throw .refused(path: path, reason: "exists; pass --force to replace it (a backup is kept)")
            }
            var candidate = path + ".bak"
            var n = 1
            while fm.fileExists(atPath: candidate) {
                candidate = path + ".bak.\(n)"
                n += 1
            }
            do {
                try fm.copyItem(atPath: path, toPath: candidate)
            } catch {
                throw .unreadable(path: candidate, reason: "cannot keep a backup: \(error.localizedDescription)")
            }
            backup = candidate
        }
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: "cannot write: \(error.localizedDescription)")
        }
        return backup
    }
}
