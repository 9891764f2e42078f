import Base
import Dockerfile
import Foundation

/// What linting one file produced: findings, or the parse error that stopped it.
public struct LintResult: Sendable {
    public var file: String
    public var findings: [Finding]
    public var parseError: DockerfileError?
}

/// Runs the rule catalog over Dockerfiles, honouring configuration, `--ignore`, and inline pragmas
/// (`# gym ignore=`, `# gym global ignore=`, hadolint's `# hadolint ignore=` and BuildKit's `# check=skip=`).
public struct Linter: Sendable {
    public var rules: [any LintRule]
    public var configuration: LintConfiguration
    /// Extra rule names to ignore (`--ignore`).
    public var ignored: Set<String>

    public init(
        rules: [any LintRule] = RuleCatalog.all, configuration: LintConfiguration = LintConfiguration(),
        ignored: Set<String> = []
    ) {
        self.rules = rules
        self.configuration = configuration
        self.ignored = ignored
    }

    public func lint(source bytes: [UInt8], file: String, buildContext: BuildContextView?) -> LintResult {
        let dockerfile: Dockerfile
        do {
            dockerfile = try Dockerfile.parse(bytes)
        } catch {
            return LintResult(file: file, findings: [], parseError: error)
        }
        let source = String(decoding: bytes, as: UTF8.self)
        let context = LintContext(
            file: file, source: source, dockerfile: dockerfile, buildContext: buildContext,
            configuration: configuration)
        let pragmas = Pragmas(context: context)
        let skipped = ignored.union(configuration.ignored).union(pragmas.global)
        var findings: [Finding] = []
        for rule in rules {
            let description = rule.description
            if skipped.contains(where: description.isNamed) { continue }
            if let name = description.buildkit, pragmas.skipsBuildKit(name) { continue }
            for var finding in rule.check(context) {
                if pragmas.suppressed(description, atLine: finding.range.start.line) { continue }
                if let override = configuration.severityOverrides.first(where: { description.isNamed($0.key) }) {
                    finding.severity = override.value
                }
                findings.append(finding)
            }
        }
        findings.sort {
            ($0.range.start.line, $0.range.start.column, $0.rule) < (
                $1.range.start.line, $1.range.start.column, $1.rule
            )
        }
        return LintResult(file: file, findings: findings, parseError: nil)
    }
}

/// Inline suppressions found in one file.
struct Pragmas {
    var global: Set<String> = []
    /// Names ignored per instruction, keyed by the instruction's first line.
    var byLine: [Int: Set<String>] = [:]
    /// Instruction spans, to find the instruction a finding belongs to.
    var spans: [(Int, Int)] = []
    var checkSkip: Set<String> = []
    var checkSkipAll = false

    init(context: LintContext) {
        for line in context.lines {
            guard line.utf8.first(where: { $0 != 32 && $0 != 9 }) == UInt8(ascii: "#"), line.includes("global") else {
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            for tool in ["gym", "hadolint"] {
                if let names = Self.names(in: trimmed, prefix: "\(tool) global ignore") { global.formUnion(names) }
            }
        }
        for node in context.dockerfile.syntax.nodes {
            spans.append((node.range.start.line, node.range.end.line))
            var names = Set<String>()
            for comment in node.comments where comment.lowercased().includes("ignore") {
                for tool in ["gym", "hadolint"] {
                    if let found = Self.names(in: "#" + comment, prefix: "\(tool) ignore") { names.formUnion(found) }
                }
            }
            if !names.isEmpty { byLine[node.range.start.line] = names }
        }
        if let check = context.dockerfile.syntax.directives.first(where: { $0.name == "check" }) {
            for part in check.value.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard pair.count == 2, pair[0] == "skip" else { continue }
                for name in pair[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                    if name == "all" { checkSkipAll = true } else { checkSkip.insert(name.lowercased()) }
                }
            }
        }
    }

    /// `# gym ignore=a,b` → ["a", "b"].
    static func names(in comment: String, prefix: String) -> Set<String>? {
        var body = comment.dropFirst().trimmingCharacters(in: .whitespaces)
        guard body.lowercased().hasPrefix(prefix) else { return nil }
        body = String(body.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix("=") else { return nil }
        let list = body.dropFirst().split(separator: " ").first ?? ""
        return Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    func skipsBuildKit(_ name: String) -> Bool { checkSkipAll || checkSkip.contains(name.lowercased()) }

    func suppressed(_ rule: RuleDescription, atLine line: Int) -> Bool {
        // the instruction the finding belongs to: the last one starting at or before its line
        guard let span = spans.last(where: { $0.0 <= line }) else { return false }
        return byLine[span.0]?.contains(where: rule.isNamed) ?? false
    }
}

extension Linter {
    /// What linting a set of files gave: each file read, with its lines for the reporters, and a message per
    /// file (or build context) that could not be read.
    public struct FileRun: Sendable {
        public var inputs: [LintReporter.FileInput] = []
        public var unreadable: [String] = []
    }

    /// Lints each file (`-` is standard input, named `<stdin>`), with the build context of `context` (default:
    /// the file's directory) for the rules that look at what a COPY sends.
    ///
    /// Each distinct context directory is walked once per run and shared by the files built from it; the
    /// ignore rules are each file's own (a Dockerfile may have its own `.dockerignore`). Linting every file of
    /// one directory costs one walk, not one per file.
    public func lint(files: [String], context: String?) -> FileRun {
        var run = FileRun()
        // each build context is walked once and shared by the files built from it; a Dockerfile's own ignore
        // file is its alone, the context's is shared by the rest. The distinct contexts are walked, and their
        // ignore rules read, on every core.
        let directories = files.map { file in
            file == "-" ? nil : (context ?? URL(fileURLWithPath: file).deletingLastPathComponent().path)
        }
        // the ignore rules each file uses: its own ignore file's, else its context's
        let ignoreKeys = zip(files, directories).map { file, directory -> String? in
            guard let directory else { return nil }
            return FileManager.default.fileExists(atPath: file + ".dockerignore") ? "file:" + file : "dir:" + directory
        }
        let distinct = Array(Set(directories.compactMap { $0 })).sorted()
        let walked = Dictionary(
            uniqueKeysWithValues: zip(distinct, Concurrently.map(distinct) { BuildContextView.walk(directory: $0) }))
        var keys: [String] = []
        var views: [String: (directory: String, dockerfile: String)] = [:]
        for (index, file) in files.enumerated() {
            guard let key = ignoreKeys[index], let directory = directories[index], views[key] == nil else { continue }
            keys.append(key)
            views[key] = (directory, file)
        }
        let sources = views
        let ignoring = Concurrently.map(keys) { key -> Result<BuildContextView, LintError> in
            let (directory, dockerfile) = sources[key]!
            return Result { () throws(LintError) -> BuildContextView in
                var view = walked[directory]!
                try view.useIgnoreFile(of: directory, dockerfile: dockerfile)
                return view
            }
        }
        let ignores = Dictionary(uniqueKeysWithValues: zip(keys, ignoring))
        var prepared: [(file: String, bytes: [UInt8], buildContext: BuildContextView?)] = []
        for (index, file) in files.enumerated() {
            let bytes: [UInt8]
            do {
                bytes = try Dockerfile.readFile(file)
            } catch {
                run.unreadable.append("\(file): error: \(error.message)")
                continue
            }
            var buildContext: BuildContextView? = nil
            if let key = ignoreKeys[index] {
                switch ignores[key]! {
                case .success(let view): buildContext = view
                case .failure(let error): run.unreadable.append("\(file): error: \(error)")
                }
            }
            prepared.append((file, bytes, buildContext))
        }
        // then the files are linted on every core, each on its own, their results kept in the files' order
        run.inputs = Concurrently.map(prepared) { file, bytes, buildContext in
            let result = lint(source: bytes, file: file == "-" ? "<stdin>" : file, buildContext: buildContext)
            return LintReporter.FileInput(result: result, lines: String(decoding: bytes, as: UTF8.self).editorLines)
        }
        return run
    }
}
