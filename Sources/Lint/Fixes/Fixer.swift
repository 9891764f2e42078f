import Dockerfile

/// One fix applied to a file.
public struct AppliedFix: Sendable, Equatable, Codable {
    public var fix: String
    public var title: String
    /// The findings it removed: rule and line.
    public var removed: [String]
}

/// A file `gym fix` adds beside the Dockerfile (its `.dockerignore`); it never replaces one.
public struct CreatedFile: Sendable, Equatable, Codable {
    public var path: String
    public var text: String
    /// Why, and what was left out of it on purpose.
    public var reason: String

    public init(path: String, text: String, reason: String) {
        self.path = path
        self.text = text
        self.reason = reason
    }
}

/// What `gym fix` made of one Dockerfile.
public struct FixOutcome: Sendable, Equatable {
    public var file: String
    public var original: String
    public var fixed: String
    public var applied: [AppliedFix]
    /// Findings no fix removes (they need a person), rule and message.
    public var remaining: [Finding]
    /// Files to add beside it.
    public var created: [CreatedFile] = []

    public var changed: Bool { original != fixed || !created.isEmpty }
    /// The files it creates, by name (`.dockerignore`), as a build of the fixed file sees them.
    public var createdByName: [String: String] {
        Dictionary(
            created.map { (String($0.path.split(separator: "/").last ?? ""), $0.text) },
            uniquingKeysWith: { first, _ in first })
    }

    /// Rewrites that need a person, with what to do: printed as suggestions, never applied.
    public static let suggestedRewrites: [String: String] = [
        "single-stage-compiled-build":
            "split the build: compile in a first stage, copy only the result into a small runtime stage",
        "build-tools-in-final-stage":
            "move the compilers and headers to a build stage; the runtime stage copies what they produced",
        "heavy-base-image": "start from a smaller base (-slim, alpine, distroless) once the app's needs are known",
        "deleted-in-later-layer":
            "create, use and remove the file in one RUN, or build it in a stage of its own and copy out the result",
    ]

    /// The remaining findings that are suggested rewrites.
    public var suggestions: [Finding] { remaining.filter { Self.suggestedRewrites[$0.rule] != nil } }
}

/// Applies the fixes one at a time, linting again after each: a fix is kept only when the file still parses
/// as BuildKit reads it and every finding it targeted is gone; otherwise the file is left as it was before it.
public struct Fixer: Sendable {
    public var fixes: [any DockerfileFix]
    public var linter: Linter

    public init(fixes: [any DockerfileFix] = FixCatalog.all, linter: Linter = Linter()) {
        self.fixes = fixes
        self.linter = linter
    }

    public func fix(source: String, file: String, buildContext: BuildContextView? = nil) throws(LintError) -> FixOutcome
    {
        var text = source
        var applied: [AppliedFix] = []
        var result = linter.lint(source: Array(text.utf8), file: file, buildContext: buildContext)
        if let error = result.parseError { throw .parse(file: file, error) }
        // a fix runs again while it makes progress: one pass may make the next possible (two merges that
        // share a RUN)
        for fix in fixes.flatMap({ Array(repeating: $0, count: Self.passes) }) {
            let targeted = result.findings.filter { fix.description.rules.contains($0.rule) }
            guard !targeted.isEmpty, let dockerfile = try? Dockerfile.parse(text) else { continue }
            let context = LintContext(
                file: file, source: text, dockerfile: dockerfile, buildContext: buildContext,
                configuration: linter.configuration)
            let edits = fix.edits(context, findings: targeted)
            guard !edits.isEmpty, let candidate = TextEdit.apply(edits, to: text) else { continue }
            let after = linter.lint(source: Array(candidate.utf8), file: file, buildContext: buildContext)
            let left = after.findings.filter { fix.description.rules.contains($0.rule) }
            // kept only if it parses and removed what it set out to remove without adding findings elsewhere
            guard after.parseError == nil, left.count < targeted.count,
                Self.others(after.findings, fix) <= Self.others(result.findings, fix)
            else { continue }
            let gone = targeted.filter { finding in
                !left.contains { $0.rule == finding.rule && $0.message == finding.message }
            }
            let removed = gone.map { "\($0.rule) at line \($0.range.start.line)" }
            if let index = applied.firstIndex(where: { $0.fix == fix.description.id }) {
                applied[index].removed += removed.filter { !applied[index].removed.contains($0) }
            } else {
                applied.append(AppliedFix(fix: fix.description.id, title: fix.description.title, removed: removed))
            }
            text = candidate
            result = after
        }
        return FixOutcome(file: file, original: source, fixed: text, applied: applied, remaining: result.findings)
    }

    /// How many times a fix is tried at most.
    static let passes = 3

    /// How many findings of rules other than the fix's.
    static func others(_ findings: [Finding], _ fix: any DockerfileFix) -> Int {
        findings.filter { !fix.description.rules.contains($0.rule) }.count
    }
}

/// Every fix, in the order they are tried.
public enum FixCatalog {
    public static let all: [any DockerfileFix] = [
        AptGetYesFix(), AptNoInstallRecommendsFix(), AptUpdateWithInstallFix(), AptListsRemovedFix(),
        PipNoCacheDirFix(), MaintainerLabelFix(),
        ExecFormFix(), ChmodIntoCopyFix(), MergeCreateDeleteFix(), DependenciesFirstFix(), NonRootUserFix(),
    ]
}
