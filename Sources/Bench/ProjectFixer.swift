import Context
import Dockerfile
import Foundation
import Lint

/// `gym fix` for one Dockerfile and its build context: the Dockerfile's rewrite, and, when the context has
/// no `.dockerignore`, the one `gym context --suggest` makes for it, less every pattern that would keep out
/// a file the Dockerfile copies by name (that build would fail).
public enum ProjectFixer {
    public static func fix(file path: String, fixer: Fixer = Fixer()) throws(LintError) -> FixOutcome {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // the context is read once: the fixer's rules and the .dockerignore check see the same view
        let view = try? BuildContextView.read(directory: directory, dockerfile: path)
        var outcome = try fixer.fix(file: path, buildContext: view)
        guard let view, view.ignoreFile == nil,
            let snapshot = try? ContextSnapshot.scan(directory: directory, dockerfile: path, hashing: .none)
        else { return outcome }
        var kept: [(pattern: String, why: String)] = []
        var dropped: [String] = []
        for candidate in DockerignoreSuggestion.patterns(for: snapshot) {
            let trial = (kept + [candidate]).map(\.pattern)
            if copiesExcluded(outcome.fixed, file: path, view: view, patterns: trial) {
                dropped.append(candidate.pattern)
            } else {
                kept.append(candidate)
            }
        }
        guard !kept.isEmpty else { return outcome }
        var reason =
            "the context had no .dockerignore; keeps out \(kept.map(\.pattern).joined(separator: ", "))"
        if !dropped.isEmpty { reason += " (not \(dropped.joined(separator: ", ")): the Dockerfile copies them)" }
        outcome.remaining.removeAll { $0.rule == "missing-dockerignore" }
        // named as the Dockerfile was (relative stays relative, so the diff applies with patch -p0)
        let named = path.contains("/") ? String(path[...path.lastIndex(of: "/")!]) + ".dockerignore" : ".dockerignore"
        outcome.created.append(
            CreatedFile(path: named, text: DockerignoreSuggestion.render(kept), reason: reason))
        return outcome
    }

    /// One Dockerfile through `gym fix`: fixed, verified on the engine when asked (only a changed file), and
    /// written when asked and kept.
    public struct Run: Sendable {
        public var outcome: FixOutcome
        /// The measurements of `--verify`; nil when not verified.
        public var verification: FixVerification?
        /// Whether the fix stands: not rolled back by the verification.
        public var kept: Bool { verification?.rollback == nil }
        public var written = false
    }

    /// `gym fix` on one Dockerfile: the rewrite, its verification and the write, in that order; a rolled-back
    /// fix is never written.
    public static func run(
        file: String, verify: Bool, write: Bool, progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws -> Run {
        var run = Run(outcome: try fix(file: file))
        if verify && run.outcome.changed {
            run.verification = try FixVerifier.verify(
                original: run.outcome.original, fixed: run.outcome.fixed, dockerfile: file,
                context: URL(fileURLWithPath: file).deletingLastPathComponent().path,
                created: run.outcome.createdByName, progress: progress)
        }
        if write && run.kept && run.outcome.changed {
            try Fixer.write(run.outcome)
            run.written = true
        }
        return run
    }

    /// Whether, with `patterns` as the `.dockerignore`, the Dockerfile copies a file they exclude.
    static func copiesExcluded(_ text: String, file: String, view: BuildContextView, patterns: [String]) -> Bool {
        guard let ignore = try? IgnoreMatcher(patterns: patterns, source: ".dockerignore") else { return true }
        var trial = view
        trial.ignore = ignore
        trial.ignoreFile = ".dockerignore"
        let linter = Linter(rules: [CopyIgnoredFileRule()])
        return !linter.lint(source: Array(text.utf8), file: file, buildContext: trial).findings.isEmpty
    }
}
