import Context
import Dockerfile
import Foundation

/// A scratch copy of a build context that benchmarks may edit; the user's files are never touched.
public struct ContextWorkspace: Sendable {
    public let root: String
    public let dockerfile: String
    public let sourceContext: String

    /// Copies `context` (and the Dockerfile, when it lives elsewhere) into a fresh temporary directory.
    public init(context: String, dockerfile: String) throws(BenchError) {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("gym-bench-\(UUID().uuidString)").path
        let copy = base + "/context"
        do {
            try fm.createDirectory(atPath: base, withIntermediateDirectories: true)
            try fm.copyItem(atPath: context, toPath: copy)
        } catch {
            throw .io(path: context, reason: "cannot copy the context: \(error.localizedDescription)")
        }
        let absoluteContext = URL(fileURLWithPath: context).standardizedFileURL.path
        let absoluteDockerfile = URL(fileURLWithPath: dockerfile).standardizedFileURL.path
        if absoluteDockerfile.hasPrefix(absoluteContext + "/") {
            self.dockerfile = copy + "/" + absoluteDockerfile.dropFirst(absoluteContext.count + 1)
        } else {
            let target = base + "/" + URL(fileURLWithPath: dockerfile).lastPathComponent
            do {
                try fm.copyItem(atPath: dockerfile, toPath: target)
                if fm.fileExists(atPath: dockerfile + ".dockerignore") {
                    try fm.copyItem(atPath: dockerfile + ".dockerignore", toPath: target + ".dockerignore")
                }
            } catch {
                throw .io(path: dockerfile, reason: "cannot copy: \(error.localizedDescription)")
            }
            self.dockerfile = target
        }
        root = copy
        sourceContext = context
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: root).deletingLastPathComponent().path)
    }

    /// Appends a line to a file of the workspace, so its content (and only its content) changes.
    public func edit(_ relative: String, run: Int) throws(BenchError) {
        let path = root + "/" + relative
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw .io(path: path, reason: "cannot open for writing")
        }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(Self.editLine(for: relative, run: run).utf8))
    }

    /// A harmless appended line: a comment where the format has one, else whitespace that spells `run` (a
    /// space for each 0 bit, a tab for each 1), so every run number gives its own content.
    static func editLine(for path: String, run: Int) -> String {
        let name = (path as NSString).lastPathComponent.lowercased()
        let ext = (name as NSString).pathExtension
        if ["py", "sh", "rb", "toml", "txt", "yaml", "yml", "cfg", "mod", "r", "pl"].contains(ext) || name == "gemfile"
            || name == "requirements.txt"
        {
            return "\n# gym bench edit \(run)\n"
        }
        if ["js", "ts", "go", "java", "kt", "c", "cc", "cpp", "h", "rs", "swift", "cs", "php", "scala"].contains(ext) {
            return "\n// gym bench edit \(run)\n"
        }
        return "\n" + String(run, radix: 2).map { $0 == "0" ? " " : "\t" }.joined() + "\n"
    }

    static let manifests = [
        "requirements.txt", "pyproject.toml", "Pipfile.lock", "poetry.lock", "uv.lock", "package.json",
        "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "go.mod", "go.sum", "Cargo.toml", "Cargo.lock", "pom.xml",
        "build.gradle", "build.gradle.kts", "Gemfile", "Gemfile.lock", "composer.json", "composer.lock",
    ]

    /// Files of the context the builder receives (after .dockerignore), relative paths, sorted.
    func sentFiles() -> [String] {
        let ignore =
            (try? IgnoreMatcher.load(context: root, dockerfile: dockerfile)) ?? (try! IgnoreMatcher(patterns: []))
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: root)
        while let path = enumerator?.nextObject() as? String {
            if path.hasPrefix(".git/") || path == ".git" { continue }
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory)
            if !isDirectory.boolValue && !ignore.excludes(path) { files.append(path) }
            if files.count > 100_000 { break }
        }
        return files.sorted()
    }

    /// The dependency manifest to edit for the deps scenario.
    func manifest() -> String? {
        let files = sentFiles()
        for name in Self.manifests {
            if let found = files.filter({ ($0 as NSString).lastPathComponent == name }).min(by: { $0.count < $1.count })
            {
                return found
            }
        }
        return files.first { $0.hasSuffix(".csproj") }
    }

    /// A source file to edit for the code scenario: not a manifest, not the Dockerfile, not ignored.
    func sourceFile() -> String? {
        let dockerfileRelative = dockerfile.hasPrefix(root + "/") ? String(dockerfile.dropFirst(root.count + 1)) : ""
        let sourceExtensions: Set<String> = [
            "py", "sh", "js", "ts", "go", "rs", "java", "rb", "php", "cs", "kt", "c", "cc", "cpp", "swift", "html",
            "css",
        ]
        let candidates = sentFiles().filter { path in
            let name = (path as NSString).lastPathComponent
            return path != dockerfileRelative && !Self.manifests.contains(name) && !name.hasPrefix(".")
                && !name.hasSuffix(".dockerignore") && !name.lowercased().hasPrefix("dockerfile")
        }
        return candidates.first { sourceExtensions.contains(($0 as NSString).pathExtension) } ?? candidates.first
    }
}
