import Foundation

/// The one rule for the names a class holds, applied wherever a name is taken (joining, creating a class), so
/// a name that can join can also submit: the registry path, the pages and the leaderboard all take it as is.
public enum ClassNames {
    /// Words a student cannot take: roles, and the server's own page and API names.
    public static let reserved: Set<String> = [
        "instructor", "admin", "administrator", "root", "api", "login", "logout", "leaderboard", "progress",
        "students", "student", "class", "server", "gym", "system", "null", "none",
    ]

    /// A student's name as the class keeps it: folded to lowercase (`Ada` joins as `ada`), then 2 to 40
    /// characters of letters and digits, with single `-`, `_` or `.` between them, and not a reserved word.
    public static func student(_ raw: String) throws(ServerError) -> String {
        let name = raw.lowercased()
        let rule =
            "2 to 40 lowercase letters or digits, with single `-`, `_` or `.` between them (not a reserved word such as `instructor`)"
        guard (2...40).contains(name.unicodeScalars.count) else {
            throw .badRequest("name `\(raw)`: \(rule); it has \(name.unicodeScalars.count) characters")
        }
        var previousWasSeparator = true  // the name starts with a letter or digit
        for scalar in name.unicodeScalars {
            let isAlphanumeric = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            let isSeparator = scalar == "-" || scalar == "_" || scalar == "."
            guard isAlphanumeric || (isSeparator && !previousWasSeparator) else {
                throw .badRequest("name `\(raw)`: \(rule)")
            }
            previousWasSeparator = isSeparator
        }
        guard !previousWasSeparator else { throw .badRequest("name `\(raw)`: \(rule); it ends with a separator") }
        guard !reserved.contains(name) else { throw .badRequest("name `\(raw)` is reserved: \(rule)") }
        return name
    }

    /// Whether a stored name (perhaps taken under an older, looser rule) still meets today's rule.
    public static func meetsRule(_ name: String) -> Bool {
        guard let folded = try? student(name) else { return false }
        return folded == name
    }

    /// A class's name: its words trimmed, 1 to 100 characters, no control characters.
    public static func className(_ raw: String) throws(ServerError) -> String {
        let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...100).contains(name.count) else {
            throw .badRequest("class name: 1 to 100 characters, not \(name.count)")
        }
        guard !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .badRequest("class name: no control characters")
        }
        return name
    }
}
