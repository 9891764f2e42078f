import Foundation

/// Recognises the build steps that install packages (pip, npm, yarn, Go modules, apt), so the cache checks
/// can name *the* install step rather than any step that happens to depend on the manifest: a decoy
/// `RUN cat requirements.txt` is not an install.
enum PackageInstall {
    private static let patterns: [NSRegularExpression] = [
        #"\bpip3?(\.\d+)?\s+(\S+\s+)*install\b"#,
        #"\bpython3?(\.\d+)?\s+-m\s+pip\s+(\S+\s+)*install\b"#,
        #"\b(uv\s+pip\s+install|uv\s+sync|poetry\s+install|pipenv\s+install)\b"#,
        #"\bnpm\s+(ci|install|i)\b"#,
        #"\b(yarn|pnpm)(\s+install)?\b"#,
        #"\bgo\s+(mod\s+download|get|build|install)\b"#,
        #"\b(apt-get|apt|apk|dnf|yum)\s+(\S+\s+)*(install|add)\b"#,
    ].map { try! NSRegularExpression(pattern: $0) }

    /// Whether a RUN command (its text, as the Dockerfile or BuildKit's progress shows it) installs packages.
    static func installs(_ command: String) -> Bool {
        let range = NSRange(command.startIndex..., in: command)
        return patterns.contains { $0.firstMatch(in: command, range: range) != nil }
    }
}
