import Context
import Dockerfile
import Engine
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
    /// fix is never written. When the rewrite is rolled back, the fixes most likely to have changed how the
    /// image runs (or to have broken its build) are taken back one at a time, at most `retries` of them, and
    /// the rewrite without the first whose absence makes it stand is the one kept. The builds and runs are on
    /// `engine`.
    public static func run(
        file: String, verify: Bool, write: Bool, retries: Int = 3, engine: Engine = .local,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) throws -> Run {
        var run = Run(outcome: try fix(file: file))
        if verify && run.outcome.changed {
            let context = URL(fileURLWithPath: file).deletingLastPathComponent().path
            var verification = try FixVerifier.verify(
                original: run.outcome.original, fixed: run.outcome.fixed, dockerfile: file, context: context,
                created: run.outcome.createdByName, engine: engine, progress: progress)
            if let reason = verification.rollback, run.outcome.applied.count > 1 {
                for suspect in suspects(run.outcome.applied.map(\.fix)).prefix(retries) {
                    progress("rolled back (\(reason)); trying again without \(suspect) ...")
                    let without = try fix(
                        file: file, fixer: Fixer(fixes: FixCatalog.all.filter { $0.description.id != suspect }))
                    guard without.changed, without.original == run.outcome.original else { continue }
                    var retry = try FixVerifier.verify(
                        original: without.original, fixed: without.fixed, dockerfile: file, context: context,
                        created: without.createdByName, before: verification.before, engine: engine,
                        progress: progress)
                    if retry.rollback == nil {
                        retry.withdrawn = [WithdrawnFix(fix: suspect, reason: reason)]
                        run.outcome = without
                        verification = retry
                        break
                    }
                }
            }
            run.verification = verification
        }
        if write && run.kept && run.outcome.changed {
            try Fixer.write(run.outcome)
            run.written = true
        }
        return run
    }

    /// The applied fixes in the order they are suspected when a verified rewrite is rolled back: first those
    /// that change how the image runs (its user, its command's form, the packages it gets), then those that
    /// move or join build steps.
    static func suspects(_ applied: [String]) -> [String] {
        let order = [
            "non-root-user", "exec-form", "apt-no-install-recommends", "dependencies-first", "merge-create-delete",
            "chmod-into-copy", "apt-update-with-install", "apt-lists-removed", "pip-no-cache-dir",
        ]
        return order.filter(applied.contains) + applied.filter { !order.contains($0) }
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
