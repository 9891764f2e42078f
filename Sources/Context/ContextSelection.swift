/// Which context files a COPY/ADD source list selects, as BuildKit resolves sources: paths relative to the
/// context root, a directory meaning everything under it, and wildcards matched like Go's `filepath.Match`.
public enum ContextSelection {
    /// The entries `sources` select, sorted by path.
    public static func select(_ sources: [String], in entries: [String: ContextEntry]) -> [ContextEntry] {
        var selected: [String: ContextEntry] = [:]
        for raw in sources {
            let source = normalize(raw)
            if source == "." {
                return entries.values.sorted { $0.path < $1.path }
            }
            if source.contains(where: { $0 == "*" || $0 == "?" || $0 == "[" }) {
                guard let pattern = try? IgnorePattern(source) else { continue }
                for (path, entry) in entries where matchesPathOrParent(pattern, path) { selected[path] = entry }
            } else {
                for (path, entry) in entries where path == source || path.hasPrefix(source + "/") {
                    selected[path] = entry
                }
            }
        }
        return selected.values.sorted { $0.path < $1.path }
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
