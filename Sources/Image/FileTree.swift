/// The files of an image: the final filesystem, and what each layer changed.
public struct FileTree: Sendable, Equatable {
    public struct File: Sendable, Equatable, Codable {
        public var path: String
        public var size: Int64
        public var layer: Int
        /// Permission bits (`0o755`); 0 where unknown (files replayed from a layer's changes).
        public var mode: UInt32 = 0
        /// For a symlink, its target as written (`python3.11`, `/usr/bin/python3`); nil for other files.
        public var linkTarget: String? = nil

        public init(path: String, size: Int64, layer: Int, mode: UInt32 = 0, linkTarget: String? = nil) {
            self.path = path
            self.size = size
            self.layer = layer
            self.mode = mode
            self.linkTarget = linkTarget
        }

        /// Whether anyone may execute it.
        public var isExecutable: Bool { mode & 0o111 != 0 }
    }

    public enum ChangeKind: String, Sendable, Codable {
        case added, modified, removed

        /// How a listing marks it: `+`, `~`, `-`.
        public var mark: String {
            switch self {
            case .added: "+"
            case .modified: "~"
            case .removed: "-"
            }
        }
    }

    public struct Change: Sendable, Equatable, Codable {
        public var path: String
        public var kind: ChangeKind
        public var size: Int64

        public init(path: String, kind: ChangeKind, size: Int64) {
            self.path = path
            self.kind = kind
            self.size = size
        }
    }

    /// Files (and symlinks) of the final filesystem, in the order the image first named them.
    public var files: [File]
    /// Per layer, the files it added, modified or removed.
    public var changes: [[Change]]

    public init(files: [File], changes: [[Change]]) {
        self.files = files
        self.changes = changes
    }

    /// The file `path` finally names, following symlinks (relative ones from their directory) up to 40 deep;
    /// nil when a link dangles or loops. Paths are relative to the root, with no leading `/`.
    public func resolvingLinks(_ path: String) -> File? {
        var current = path
        for _ in 0..<40 {
            guard let file = file(at: current) else { return nil }
            guard let target = file.linkTarget else { return file }
            let directory = current.split(separator: "/").dropLast().joined(separator: "/")
            let joined = target.hasPrefix("/") ? target : directory + "/" + target
            var parts: [Substring] = []
            for part in joined.split(separator: "/") where part != "." {
                if part == ".." {
                    if !parts.isEmpty { parts.removeLast() }
                } else {
                    parts.append(part)
                }
            }
            current = parts.joined(separator: "/")
        }
        return nil
    }

    /// The final filesystem's file at `path` (relative, no leading `/`).
    public func file(at path: String) -> File? {
        files.first { $0.path == path }
    }

    /// The filesystem exactly as it is after layer `layer` (replaying each layer's changes).
    public func files(afterLayer layer: Int) -> [File] {
        var state: [String: File] = [:]
        for index in 0...min(layer, changes.count - 1) {
            for change in changes[index] {
                switch change.kind {
                case .added, .modified: state[change.path] = File(path: change.path, size: change.size, layer: index)
                case .removed: state[change.path] = nil
                }
            }
        }
        return Array(state.values)
    }

    /// The largest files of the final filesystem.
    public func largest(_ count: Int) -> [File] {
        files.sorted { $0.size != $1.size ? $0.size > $1.size : $0.path < $1.path }.prefix(count).map { $0 }
    }

    /// Directory sizes (every ancestor of every file), for tree views.
    public func directorySizes(_ files: [File]) -> [String: Int64] {
        var sizes: [String: Int64] = [:]
        for file in files {
            var path = Substring(file.path)
            while let slash = path.lastIndex(of: "/") {
                path = path[..<slash]
                sizes[String(path), default: 0] += file.size
            }
            sizes["", default: 0] += file.size
        }
        return sizes
    }
}
