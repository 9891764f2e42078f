import Foundation

/// The patterns of a `.dockerignore`, applied as moby's builder applies them: in order, the last matching
/// line wins, `!` re-includes, and a path is excluded when it or one of its parent directories matches.
public struct IgnoreMatcher: Sendable, Equatable {
    public let patterns: [IgnorePattern]
    /// The file the patterns came from, when read from one.
    public let source: String?

    /// No patterns: nothing is kept out.
    public static let empty = IgnoreMatcher(compiled: [], source: nil)

    private init(compiled: [IgnorePattern], source: String?) {
        patterns = compiled
        self.source = source
    }

    /// Compiles already-read pattern lines (as `patternmatcher.New`).
    public init(patterns lines: [String], source: String? = nil) throws(DockerfileError) {
        var compiled: [IgnorePattern] = []
        for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            compiled.append(try IgnorePattern(line))
        }
        patterns = compiled
        self.source = source
    }

    /// Reads `.dockerignore` text as moby's `ignorefile.ReadAll`: `#` comments at the start of a line, blank
    /// lines skipped, whitespace trimmed, paths cleaned and made relative (a leading `/` dropped).
    public init(dockerignore text: String, source: String? = nil) throws(DockerfileError) {
        var lines: [String] = []
        var lineNumbers: [Int] = []
        var body = Substring(text)
        if body.hasPrefix("\u{FEFF}") { body = body.dropFirst() }
        for (index, rawLine) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if rawLine.hasPrefix("#") { continue }
            var pattern = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if pattern.isEmpty { continue }
            let invert = pattern.hasPrefix("!")
            if invert { pattern = String(pattern.dropFirst()).trimmingCharacters(in: .whitespaces) }
            if !pattern.isEmpty {
                pattern = cleanPath(pattern)
                if pattern.count > 1 && pattern.hasPrefix("/") { pattern.removeFirst() }
            }
            lines.append(invert ? "!" + pattern : pattern)
            lineNumbers.append(index + 1)
        }
        var compiled: [IgnorePattern] = []
        for (line, number) in zip(lines, lineNumbers) {
            do {
                compiled.append(try IgnorePattern(line))
            } catch {
                switch error {
                case .badIgnorePattern(let p, _, _): throw .badIgnorePattern(pattern: p, file: source, line: number)
                case .illegalIgnoreExclusion: throw .illegalIgnoreExclusion(file: source, line: number)
                default: throw error
                }
            }
        }
        patterns = compiled
        self.source = source
    }

    /// The ignore file BuildKit uses for a Dockerfile: `<Dockerfile>.dockerignore` beside it takes
    /// precedence over `<context>/.dockerignore`. nil when neither exists.
    public static func locate(context: String, dockerfile: String?) -> String? {
        if let dockerfile {
            let specific = dockerfile + ".dockerignore"
            if FileManager.default.fileExists(atPath: specific) { return specific }
        }
        let general = (context as NSString).appendingPathComponent(".dockerignore")
        return FileManager.default.fileExists(atPath: general) ? general : nil
    }

    /// Loads the ignore file BuildKit would use; an empty matcher when there is none.
    public static func load(context: String, dockerfile: String?) throws(DockerfileError) -> IgnoreMatcher {
        guard let path = locate(context: context, dockerfile: dockerfile) else {
            return try IgnoreMatcher(patterns: [])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied")
        }
        return try IgnoreMatcher(dockerignore: String(decoding: data, as: UTF8.self), source: path)
    }

    /// Whether any pattern is a `!` exception (then excluded directories must still be walked).
    public var hasExclusions: Bool { patterns.contains(where: \.isExclusion) }

    /// Whether `path` is kept out of the context (`MatchesOrParentMatches`).
    public func excludes(_ path: String) -> Bool {
        if patterns.isEmpty { return false }
        let file = Self.isClean(path) ? path : cleanPath(path)
        if file == "." { return false }
        // the parent directories ("a", "a/b" for "a/b/c"), made once and only when a pattern needs them
        var parents: [String]? = nil
        var matched = false
        for pattern in patterns {
            if pattern.isExclusion != matched { continue }
            var match = pattern.matches(file)
            if !match {
                if parents == nil {
                    var prefixes: [String] = []
                    var index = file.startIndex
                    while let slash = file[index...].firstIndex(of: "/") {
                        prefixes.append(String(file[..<slash]))
                        index = file.index(after: slash)
                    }
                    parents = prefixes
                }
                match = parents!.contains { pattern.matches($0) }
            }
            if match { matched = !pattern.isExclusion }
        }
        return matched
    }

    /// `excludes(path)` for many paths in a row: without `!` exceptions a path is excluded when it matches
    /// itself or its directory is excluded, and each directory's answer is kept in `directories`.
    public func excludes(_ path: String, directories: inout [Substring: Bool]) -> Bool {
        guard !hasExclusions, Self.isClean(path) else { return excludes(path) }
        if patterns.isEmpty { return false }
        // the UTF-8 view: Character-wise search is several times slower, and "/" is one byte
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")),
            directoryExcluded(path[..<slash], known: &directories)
        {
            return true
        }
        return patterns.contains { $0.matches(path) }
    }

    private func directoryExcluded(_ directory: Substring, known: inout [Substring: Bool]) -> Bool {
        if let answer = known[directory] { return answer }
        var answer = patterns.contains { $0.matches(String(directory)) }
        if !answer, let slash = directory.utf8.lastIndex(of: UInt8(ascii: "/")) {
            answer = directoryExcluded(directory[..<slash], known: &known)
        }
        known[directory] = answer
        return answer
    }

    /// Whether `path` itself matches, for a walker that only descends into directories that are not
    /// excluded and a matcher without `!` exceptions: then no parent of `path` matches, and the last matching
    /// pattern decides alone.
    public func excludesItself(_ path: String) -> Bool {
        guard !hasExclusions else { return excludes(path) }
        return patterns.contains { $0.matches(path) }
    }

    /// Whether `path` is already what `cleanPath` would make of it (the walker's paths always are).
    static func isClean(_ path: String) -> Bool {
        var path = path
        path.makeContiguousUTF8()
        return path.utf8.withContiguousStorageIfAvailable { isClean(bytes: $0) } ?? false
    }

    /// No leading or trailing `/`, no empty component, no `.` or `..` component.
    static func isClean(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let slash = UInt8(ascii: "/")
        let dot = UInt8(ascii: ".")
        if bytes.isEmpty { return false }
        var start = 0
        for i in 0...bytes.count {
            guard i == bytes.count || bytes[i] == slash else { continue }
            let length = i - start
            if length == 0 { return false }
            if length == 1 && bytes[start] == dot { return false }
            if length == 2 && bytes[start] == dot && bytes[start + 1] == dot { return false }
            start = i + 1
        }
        return true
    }
}
