/// One `.dockerignore` pattern compiled with moby/patternmatcher's semantics: Go `filepath.Match` syntax
/// (`*`, `?`, `[...]`, `\` escapes) plus `**`, matched against slash-separated paths relative to the context.
public struct IgnorePattern: Sendable, Equatable {
    /// The pattern after cleaning, without its `!`.
    public let pattern: String
    /// `!pattern`: re-includes what earlier patterns excluded.
    public let isExclusion: Bool
    let kind: Kind
    let elements: [Element]
    let depth: Int
    /// For a pattern that is `*` followed only by literals without a slash (`*.md`): those literals.
    let starTail: String?

    enum Kind: Equatable { case exact, prefix, suffix, wildcard }

    enum Element: Equatable {
        case literal(Unicode.Scalar)
        case anyButSlash  // ?
        case starButSlash  // *
        case anyDirectories  // **/ in the middle: (.*/)?
        case anything  // trailing ** after other wildcards: .*
        case characterClass([ClassItem], negated: Bool)
    }

    enum ClassItem: Equatable {
        case single(Unicode.Scalar)
        case range(Unicode.Scalar, Unicode.Scalar)
    }

    /// Compiles `raw` (one line's pattern, `!` included), as `patternmatcher.New` does.
    public init(_ raw: String) throws(DockerfileError) {
        var text = cleanPath(raw.trimmingCharacters(in: .whitespaces))
        var exclusion = false
        if text.hasPrefix("!") {
            guard text.count > 1 else { throw .illegalIgnoreExclusion(file: nil, line: nil) }
            exclusion = true
            text.removeFirst()
        }
        guard Self.isValidGlob(text) else { throw .badIgnorePattern(pattern: text, file: nil, line: nil) }
        pattern = text
        isExclusion = exclusion
        depth = text.split(separator: "/", omittingEmptySubsequences: false).count
        (kind, elements) = Self.compile(text)
        var tail = String.UnicodeScalarView()
        var simple = elements.first == .starButSlash && elements.count > 1
        for element in elements.dropFirst() where simple {
            if case .literal(let c) = element, c != "/" { tail.append(c) } else { simple = false }
        }
        starTail = simple ? String(tail) : nil
    }

    /// Whether `path` (slash-separated, relative to the context) matches this pattern by itself.
    public func matches(_ path: String) -> Bool {
        switch kind {
        case .exact:
            return path == pattern
        case .prefix:
            return path.hasPrefix(String(pattern.dropLast(2)))
        case .suffix:
            let suffix = String(pattern.dropFirst(2))
            if path.hasSuffix(suffix) { return true }
            return suffix.hasPrefix("/") && path == String(suffix.dropFirst())
        case .wildcard:
            if let tail = starTail {
                // `*` then literals: a one-component path ending with them (the common `*.md`), no allocation
                return path.hasSuffix(tail) && !path.utf8.contains(UInt8(ascii: "/"))
            }
            return Self.match(elements, Array(path.unicodeScalars))
        }
    }

    static func compile(_ pattern: String) -> (Kind, [Element]) {
        let s = Array(pattern.unicodeScalars)
        var kind = Kind.exact
        var elements: [Element] = []
        var i = 0
        var index = 0
        while i < s.count {
            let ch = s[i]
            i += 1
            defer { index += 1 }
            switch ch {
            case "*":
                if i < s.count && s[i] == "*" {
                    i += 1
                    if i < s.count && s[i] == "/" { i += 1 }
                    if i >= s.count {
                        if kind == .exact {
                            kind = .prefix
                        } else {
                            elements.append(.anything)
                            kind = .wildcard
                        }
                    } else {
                        elements.append(.anyDirectories)
                        kind = .wildcard
                    }
                    if index == 0 { kind = .suffix }
                } else {
                    elements.append(.starButSlash)
                    kind = .wildcard
                }
            case "?":
                elements.append(.anyButSlash)
                kind = .wildcard
            case "\\":
                if i < s.count {
                    elements.append(.literal(s[i]))
                    i += 1
                    kind = .wildcard
                } else {
                    elements.append(.literal("\\"))
                }
            case "[":
                var items: [ClassItem] = []
                var negated = false
                if i < s.count && s[i] == "^" {
                    negated = true
                    i += 1
                }
                while i < s.count && s[i] != "]" {
                    var lo = s[i]
                    if lo == "\\", i + 1 < s.count {
                        i += 1
                        lo = s[i]
                    }
                    i += 1
                    if i + 1 < s.count && s[i] == "-" && s[i + 1] != "]" {
                        var hi = s[i + 1]
                        i += 2
                        if hi == "\\", i < s.count {
                            hi = s[i]
                            i += 1
                        }
                        items.append(.range(lo, hi))
                    } else {
                        items.append(.single(lo))
                    }
                }
                i += 1  // the ]
                elements.append(.characterClass(items, negated: negated))
                kind = .wildcard
            default:
                elements.append(.literal(ch))
            }
        }
        return (kind, elements)
    }

    /// Matches the whole path; dynamic programming over (element, position), so no input can blow up.
    static func match(_ elements: [Element], _ path: [Unicode.Scalar]) -> Bool {
        var reachable = [Bool](repeating: false, count: path.count + 1)
        reachable[0] = true
        for element in elements {
            var next = [Bool](repeating: false, count: path.count + 1)
            for position in 0...path.count where reachable[position] {
                switch element {
                case .literal(let c):
                    if position < path.count && path[position] == c { next[position + 1] = true }
                case .anyButSlash:
                    if position < path.count && path[position] != "/" { next[position + 1] = true }
                case .characterClass(let items, let negated):
                    if position < path.count {
                        let c = path[position]
                        let hit = items.contains { item in
                            switch item {
                            case .single(let x): return x == c
                            case .range(let lo, let hi): return lo <= c && c <= hi
                            }
                        }
                        if hit != negated { next[position + 1] = true }
                    }
                case .starButSlash:
                    var p = position
                    next[p] = true
                    while p < path.count && path[p] != "/" {
                        p += 1
                        next[p] = true
                    }
                case .anything:
                    for p in position...path.count { next[p] = true }
                case .anyDirectories:
                    next[position] = true
                    for p in position..<path.count where path[p] == "/" { next[p + 1] = true }
                }
            }
            reachable = next
            if !reachable.contains(true) { return false }
        }
        return reachable[path.count]
    }

    /// The syntax check of Go's `filepath.Match`: classes closed, escapes not dangling.
    static func isValidGlob(_ pattern: String) -> Bool {
        let s = Array(pattern.unicodeScalars)
        var i = 0
        while i < s.count {
            switch s[i] {
            case "\\":
                i += 1
                if i >= s.count { return false }
            case "[":
                i += 1
                if i < s.count && s[i] == "^" { i += 1 }
                var first = true
                while true {
                    guard i < s.count else { return false }
                    if s[i] == "]" && !first { break }
                    // a class item: an escaped character, or any character but an unescaped - or ]
                    func readItem() -> Bool {
                        guard i < s.count else { return false }
                        if s[i] == "-" || s[i] == "]" { return false }
                        if s[i] == "\\" { i += 1 }
                        guard i < s.count else { return false }
                        i += 1
                        return true
                    }
                    guard readItem() else { return false }
                    if i < s.count && s[i] == "-" {
                        i += 1
                        guard readItem() else { return false }
                    }
                    first = false
                }
            default: break
            }
            i += 1
        }
        return true
    }
}
