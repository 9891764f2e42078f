import Dockerfile

/// Which context files a COPY/ADD source list selects, as BuildKit resolves sources: paths relative to the
/// context root, a directory meaning everything under it, and wildcards matched like Go's `filepath.Match`.
public enum ContextSelection {
    /// The entries `sources` select, sorted by path.
    public static func select(_ sources: [String], in snapshot: ContextSnapshot) -> [ContextEntry] {
        select(sources, inSorted: snapshot.sortedEntries)
    }

    /// The entries `sources` select from entries already sorted by path (kept in that order: no sort).
    public static func select(_ sources: [String], inSorted sorted: [ContextEntry]) -> [ContextEntry] {
        var prefixes: [String] = []
        var patterns: [IgnorePattern] = []
        for raw in sources {
            let source = normalize(raw)
            if source == "." { return sorted }
            if source.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                if let pattern = try? IgnorePattern(source) { patterns.append(pattern) }
            } else {
                prefixes.append(source)
            }
        }
        return sorted.filter { entry in
            prefixes.contains { entry.path == $0 || entry.path.hasPrefix($0 + "/") }
                || patterns.contains { matchesPathOrParent($0, entry.path) }
        }
    }

    /// `./src/` → `src`; `/app.py` → `app.py`; `.` stays `.`.
    public static func normalize(_ source: String) -> String {
        var path = cleanPath(source)
        while path.hasPrefix("/") { path.removeFirst() }
        return path.isEmpty ? "." : path
    }

    static func matchesPathOrParent(_ pattern: IgnorePattern, _ path: String) -> Bool {
        if pattern.matches(path) { return true }
        var prefix = ""
        for component in path.split(separator: "/").dropLast() {
            prefix = prefix.isEmpty ? String(component) : prefix + "/" + component
            if pattern.matches(prefix) { return true }
        }
        return false
    }
}
