import Dockerfile
import Foundation

/// What the linter knows of a build context: its entries (a bounded listing) and its `.dockerignore`.
public struct BuildContextView: Sendable {
    /// Relative paths of files and directories (directories end with `/`), up to `maximumDepth` levels.
    public var entries: [String]
    public var ignore: IgnoreMatcher
    /// The ignore file's path relative to the context or absolute, nil when there is none.
    public var ignoreFile: String?
    /// Permission bits of the regular files among `entries` (a COPY keeps them; `COPY --chmod` replaces them).
    public var modes: [String: UInt16] = [:]
    /// The text of the small manifests at the context's root whose content decides a rewrite (`pyproject.toml`
    /// and `Cargo.toml`: whether they declare a workspace, target paths, a build script).
    public var manifests: [String: String] = [:]

    public init(entries: [String], ignore: IgnoreMatcher, ignoreFile: String?) {
        self.entries = entries
        self.ignore = ignore
        self.ignoreFile = ignoreFile
    }

    /// Reads a context directory from disk: two levels of entries and the ignore file BuildKit would use.
    public static func read(
        directory: String, dockerfile: String?, maximumDepth: Int = 2
    ) throws(LintError)
        -> BuildContextView
    {
        var view = walk(directory: directory, maximumDepth: maximumDepth)
        try view.useIgnoreFile(of: directory, dockerfile: dockerfile)
        return view
    }

    /// A context directory's entries, modes and root manifests, with no ignore rules yet: what every
    /// Dockerfile built from this directory shares (`Linter.lint(files:)` walks each directory once).
    public static func walk(directory: String, maximumDepth: Int = 2) -> BuildContextView {
        var entries: [String] = []
        var modes: [String: UInt16] = [:]
        func walk(_ relative: String, depth: Int) {
            let path = relative.isEmpty ? directory : directory + "/" + relative
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names.sorted() {
                let child = relative.isEmpty ? name : relative + "/" + name
                var isDirectory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: directory + "/" + child, isDirectory: &isDirectory)
                entries.append(isDirectory.boolValue ? child + "/" : child)
                if !isDirectory.boolValue,
                    let permissions = try? FileManager.default.attributesOfItem(atPath: directory + "/" + child)[
                        .posixPermissions] as? Int
                {
                    modes[child] = UInt16(permissions & 0o7777)
                }
                if isDirectory.boolValue && depth + 1 < maximumDepth && name != ".git" && name != "node_modules" {
                    walk(child, depth: depth + 1)
                }
                if entries.count > 20_000 { return }
            }
        }
        walk("", depth: 0)
        var view = BuildContextView(entries: entries, ignore: .empty, ignoreFile: nil)
        view.modes = modes
        for name in ["pyproject.toml", "Cargo.toml"] {
            let path = directory + "/" + name
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size < 1 << 20,
                let text = try? String(contentsOfFile: path, encoding: .utf8)
            {
                view.manifests[name] = text
            }
        }
        return view
    }

    /// Takes the ignore rules BuildKit would use for `dockerfile` built from `directory`: its own
    /// `<Dockerfile>.dockerignore` when it has one, else the context's `.dockerignore`.
    public mutating func useIgnoreFile(of directory: String, dockerfile: String?) throws(LintError) {
        do {
            ignore = try IgnoreMatcher.load(context: directory, dockerfile: dockerfile)
        } catch {
            throw .invalidConfiguration(file: ".dockerignore", reason: error.description)
        }
        ignoreFile = ignore.source
    }

    /// An in-memory context (rule examples and tests).
    public static func memory(files: [String: String], dockerignore: String?) throws(LintError) -> BuildContextView {
        var entries = Set<String>()
        for path in files.keys {
            let parts = path.split(separator: "/")
            for i in 0..<parts.count {
                let prefix = parts[0...i].joined(separator: "/")
                entries.insert(i == parts.count - 1 ? prefix : prefix + "/")
            }
        }
        if dockerignore != nil { entries.insert(".dockerignore") }
        let ignore: IgnoreMatcher
        do throws(DockerfileError) {
            if let dockerignore {
                ignore = try IgnoreMatcher(dockerignore: dockerignore, source: ".dockerignore")
            } else {
                ignore = try IgnoreMatcher(patterns: [])
            }
        } catch {
            throw .invalidConfiguration(file: ".dockerignore", reason: error.description)
        }
        var view = BuildContextView(
            entries: entries.sorted(), ignore: ignore, ignoreFile: dockerignore == nil ? nil : ".dockerignore")
        // files in memory are plain files, as a checkout writes them
        view.modes = Dictionary(uniqueKeysWithValues: files.keys.map { ($0, UInt16(0o644)) })
        view.manifests = files.filter { ["pyproject.toml", "Cargo.toml"].contains($0.key) }
        return view
    }

    /// Whether the entry (path without trailing `/`) exists and is sent to the builder.
    public func sends(_ path: String) -> Bool {
        (entries.contains(path) || entries.contains(path + "/")) && !ignore.excludes(path)
    }
}
