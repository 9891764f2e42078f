/// A unified diff of two texts, as `diff -u` writes it (three lines of context), for `gym fix`'s output and
/// for `patch -p0`.
public enum UnifiedDiff {
    public static func render(
        _ old: String, _ new: String, oldName: String, newName: String, context: Int = 3
    )
        -> String
    {
        let a = lines(old)
        let b = lines(new)
        guard old != new else { return "" }
        let oldEndsOpen = !old.isEmpty && !old.hasSuffix("\n")
        let newEndsOpen = !new.isEmpty && !new.hasSuffix("\n")
        // longest common subsequence table, from the ends
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        // the edit script: (old index, new index, kind)
        var script: [(Int, Int, Character)] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                script.append((i, j, " "))
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                script.append((i, j, "-"))  // removals before additions, as diff -u writes them
                i += 1
            } else {
                script.append((i, j, "+"))
                j += 1
            }
        }
        var output = "--- \(oldName)\n+++ \(newName)\n"
        let changes = script.indices.filter { script[$0].2 != " " }
        var index = 0
        while index < changes.count {
            var first = max(0, changes[index] - context)
            var last = min(script.count - 1, changes[index] + context)
            index += 1
            while index < changes.count, changes[index] - context <= last + 1 {
                last = min(script.count - 1, changes[index] + context)
                index += 1
            }
            first = max(0, first)
            let hunk = script[first...last]
            let oldCount = hunk.filter { $0.2 != "+" }.count
            let newCount = hunk.filter { $0.2 != "-" }.count
            let oldStart = hunk.first.map { $0.0 } ?? 0
            let newStart = hunk.first.map { $0.1 } ?? 0
            output += "@@ -\(range(oldStart, oldCount)) +\(range(newStart, newCount)) @@\n"
            for (oldIndex, newIndex, kind) in hunk {
                output += String(kind) + (kind == "+" ? b[newIndex] : a[oldIndex]) + "\n"
                // a last line without its newline is marked, as diff does, so patch restores it exactly
                let lastOfOld = kind != "+" && oldIndex == a.count - 1 && oldEndsOpen
                let lastOfNew = kind != "-" && newIndex == b.count - 1 && newEndsOpen
                if lastOfOld || lastOfNew { output += "\\ No newline at end of file\n" }
            }
        }
        return output
    }

    static func range(_ start: Int, _ count: Int) -> String {
        count == 0 ? "\(start),0" : count == 1 ? "\(start + 1)" : "\(start + 1),\(count)"
    }

    static func lines(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}
